// RpmCataloger: RPM packages from an rpm database: sqlite, ndb (Packages.db) or Berkeley DB.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class RpmCataloger : public Cataloger {
  public:
    std::string name() const override { return "rpm-db-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

}  // namespace signet::sbom
