// NpmCataloger: JavaScript packages from every installed package.json (node_modules and the app's
// own) and from npm's lock files, whose tree gives the dependency graph.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class NpmCataloger : public Cataloger {
  public:
    std::string name() const override { return "javascript-package-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

}  // namespace signet::sbom
