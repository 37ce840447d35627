// DpkgCataloger: Debian packages from /var/lib/dpkg/status and distroless status.d/ files.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class DpkgCataloger : public Cataloger {
  public:
    std::string name() const override { return "dpkg-db-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

}  // namespace signet::sbom
