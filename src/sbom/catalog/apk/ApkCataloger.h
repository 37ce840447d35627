// ApkCataloger: Alpine packages from lib/apk/db/installed.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class ApkCataloger : public Cataloger {
  public:
    std::string name() const override { return "apk-db-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

}  // namespace signet::sbom
