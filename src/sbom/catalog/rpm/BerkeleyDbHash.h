// BerkeleyDbHash: the records of a Berkeley DB hash database file (rpm's legacy Packages).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

struct BerkeleyDbRecord {
    std::string key;
    std::string value;
};

// Reads every key/data pair of a Berkeley DB (versions 8–10, db 4.x–6.x) hash database held in
// memory: the metadata page's byte order and page size, then each hash page's item pairs, with
// values on overflow-page chains reassembled. Page checksums are skipped, not verified; encrypted
// databases, duplicate-key sets and anything outside the file are refused. Bounded: every chain
// visits each page at most once and the values together never exceed the file's size. Throws
// signet::Error(Registry) with the reason.
std::vector<BerkeleyDbRecord> readBerkeleyDbHash(std::string_view file);

}  // namespace signet::sbom
