// GoStruct: a Go struct type described as data, and a JSON document passed through it as
// json.Unmarshal then json.Marshal would (cosign re-marshals typed predicates this way).
#pragma once

#include <string>
#include <vector>

#include "json/GoJson.h"

namespace signet::json {

struct GoStruct;

// The Go field types the in-toto predicates use.
enum class GoKind {
    String,         // string
    Bool,           // bool
    Any,            // interface{}: a generic value (sorted keys, float64 numbers)
    StringMap,      // map[string]string
    AnyMap,         // map[string]interface{}
    StringSlice,    // []string
    Bytes,          // []byte: base64 text
    Time,           // time.Time: RFC 3339 text, written back as RFC3339Nano
    TimePointer,    // *time.Time
    Struct,         // a nested struct (type)
    StructPointer,  // *type
    StructSlice,    // []type
};

struct GoField {
    std::string key;  // the json tag's name
    GoKind kind;
    bool omitEmpty = false;
    const GoStruct* type = nullptr;  // for Struct, StructPointer and StructSlice
};

struct GoStruct {
    std::string name;  // the Go type's name, for error messages
    std::vector<GoField> fields;
};

// `document` decoded into `type` and encoded again, as encoding/json does: a key matches a
// field's tag exactly or else case-insensitively, unknown keys are dropped, null leaves a value
// as it was (and makes a map, slice, pointer or interface nil), fields come out in struct
// order, omitempty drops "", false, nil and empty maps and slices (never a struct).
// Throws Error(Usage, "json: cannot unmarshal …") where a value does not fit its field.
Ordered remarshal(const Ordered& document, const GoStruct& type);

// The keys cosign's checkRequiredJSONFields demands at the top level: fields whose json tag has
// no options (no ",omitempty").
std::vector<std::string> requiredKeys(const GoStruct& type);

}  // namespace signet::json
