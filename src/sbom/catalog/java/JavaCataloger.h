// JavaCataloger: Java packages from jar/war/ear archives (pom.properties, MANIFEST.MF, nested
// jars).
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class JavaCataloger : public Cataloger {
  public:
    std::string name() const override { return "java-archive-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

}  // namespace signet::sbom
