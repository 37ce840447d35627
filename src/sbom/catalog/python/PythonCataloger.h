// PythonCataloger: installed Python packages from dist-info METADATA and egg-info PKG-INFO files.
#pragma once

#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

class PythonCataloger : public Cataloger {
  public:
    std::string name() const override { return "python-installed-package-cataloger"; }
    std::vector<FileRule> fileRules() const override;
    std::vector<Package> catalog(const CatalogContext& context) const override;
};

// PEP 503 normalisation as syft applies it: lower case, runs of "-", "_", "." become "-".
std::string normalizePythonName(const std::string& name);

// The name in a pypi purl, as the purl spec and trivy write it: lower case and "_" as "-" only;
// dots stay ("Zope.Interface_Lite" -> "zope.interface-lite").
std::string pypiPurlName(const std::string& name);

}  // namespace signet::sbom
