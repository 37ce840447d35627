// Predicate: what cosign attest makes of a predicate file for each --type, as cosign v2 writes
// the statement (in-toto-golang's structs through encoding/json).
#pragma once

#include <ctime>
#include <string>

#include "json/GoJson.h"

namespace signet::cosign {

struct PredicateFile {
    std::string type;      // a cosign --type word or a predicate-type URI
    std::string contents;  // the file's bytes
    std::time_t time = 0;  // the Timestamp of a custom predicate (cosign: now)
};

// A predicate as the statement carries it.
struct Predicate {
    std::string type;     // the --type word or URI it was made for
    json::Ordered value;  // the statement's "predicate"
};

// The statement's predicate:
// - custom: {"Data":"<the file as text>","Timestamp":"<time, RFC 3339 UTC>"} whatever the file;
// - slsaprovenance(02), slsaprovenance1, link, vuln: the file through in-toto-golang's struct
//   (struct field order, omitempty fields dropped, unknown keys dropped); the keys the struct
//   requires must be there;
// - spdx: the file as one JSON string; spdxjson, cyclonedx, openvex: any JSON value, generic;
// - a URI: a JSON object, generic (sorted keys, float64 numbers).
// Throws Error(Usage) with cosign's reason when the file does not fit.
Predicate makePredicate(const PredicateFile& file);

}  // namespace signet::cosign
