// RpmCataloger: RPM packages from an rpmdb.sqlite read in memory (sqlite3_deserialize).
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class RpmCataloger : public Cataloger {
  public:
    std::string name() const override { return "rpm-db-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

// The header blobs of the Packages table of an rpmdb.sqlite file's bytes. Throws
// signet::Error(Registry) when the bytes are not such a database. Bounded in work.
std::vector<std::string> rpmdbSqliteBlobs(const std::string& databaseBytes);

}  // namespace signet::sbom
