// RpmdbSqlite: the header blobs of rpm's sqlite backend (rpmdb.sqlite, rpm 4.16+), read in memory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

// The header blobs of the Packages table of an rpmdb.sqlite file's bytes, deserialised read-only
// (sqlite3_deserialize, defensive, untrusted schema). Throws signet::Error(Registry) when the
// bytes are not such a database. Bounded in work.
std::vector<std::string> rpmdbSqliteBlobs(std::string_view databaseBytes);

}  // namespace signet::sbom
