// GoCataloger: Go modules (main, deps, stdlib) from the build info of every Go ELF binary.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class GoCataloger : public Cataloger {
  public:
    std::string name() const override { return "go-module-binary-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

// The main module's version when the build info says "(devel)": `-X …version=V` in -ldflags
// (→ "vV"), else a pseudo-version from vcs.revision/vcs.time, else "".
std::string goMainVersion(const std::string& ldflags, const std::string& vcsRevision,
                          const std::string& vcsTime);

}  // namespace signet::sbom
