#include "sbom/catalog/rpm/RpmdbSqlite.h"

#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "error/Error.h"

namespace signet::sbom {
namespace {

constexpr int kMaxProgressCallbacks = 200000;  // × 1000 VM steps

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(ErrorKind::Registry, "rpmdb.sqlite " + what + ": " + sqlite3_errmsg(db));
}

int stopAfterBudget(void* counter) {
    return ++*static_cast<int*>(counter) > kMaxProgressCallbacks;
}

Database openInMemory(std::string_view bytes) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        throw Error(ErrorKind::Internal, "SQLite cannot open an in-memory database");
    }
    Database db(raw, sqlite3_close);
    auto size = static_cast<sqlite3_int64>(bytes.size());
    auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size() ? bytes.size() : 1));
    if (!copy) throw Error(ErrorKind::Internal, "out of memory copying rpmdb.sqlite");
    std::memcpy(copy, bytes.data(), bytes.size());
    // A WAL-mode file (header bytes 18/19 = 2) cannot be deserialised as is: read it as a
    // rollback-journal file; rpm leaves the WAL empty after closing.
    if (bytes.size() >= 20 && copy[18] == 2 && copy[19] == 2) copy[18] = copy[19] = 1;
    int rc = sqlite3_deserialize(db.get(), "main", copy, size, size,
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK) fail(db.get(), "cannot be loaded");
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    return db;
}

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) fail(db, "query failed");
    return Statement(raw, sqlite3_finalize);
}

bool hasPackagesTable(sqlite3* db) {
    Statement check =
        prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Packages'");
    int rc = sqlite3_step(check.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(db, "is unreadable");
    return rc == SQLITE_ROW;
}

}  // namespace

std::vector<std::string> rpmdbSqliteBlobs(std::string_view databaseBytes) {
    Database db = openInMemory(databaseBytes);
    int steps = 0;
    sqlite3_progress_handler(db.get(), 1000, stopAfterBudget, &steps);
    if (!hasPackagesTable(db.get())) {
        throw Error(ErrorKind::Registry, "rpmdb.sqlite has no Packages table");
    }
    Statement select = prepare(db.get(), "SELECT blob FROM Packages ORDER BY hnum");
    std::vector<std::string> blobs;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
        const void* data = sqlite3_column_blob(select.get(), 0);
        int size = sqlite3_column_bytes(select.get(), 0);
        if (data && size > 0) blobs.emplace_back(static_cast<const char*>(data), size);
    }
    if (rc != SQLITE_DONE) fail(db.get(), "could not be read to the end");
    return blobs;
}

}  // namespace signet::sbom
