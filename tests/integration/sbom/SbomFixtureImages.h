// SbomFixtureImages: the SBOM test images (built once per build dir) and their ground truth.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/TestImage.h"

namespace signet::testing {

// Runs tests/fixtures-build/build_sbom_fixtures.py into <build dir>/sbom-fixtures the first time
// (debootstrap + umoci; later calls and other test processes reuse the cache) and answers where
// the OCI layouts and the ground-truth files are.
class SbomFixtureImages {
  public:
    static const SbomFixtureImages& get();

    // OCI layout with tags base, python, node, go, rpm, rpm-arm64, rpm-bdb (Berkeley DB), rpm-ndb,
    // apk, whiteouts, multi (index),
    // hostile-traversal, hostile-symlinks, hostile-bomb, hostile-metadata.
    std::string layout() const { return dir_ + "/layout"; }
    // The `base` image again with zstd layers.
    std::string zstdLayout() const { return dir_ + "/layout-zstd"; }
    // What the builder recorded about `tag` from the fixture itself (dpkg-query, rpm -qa,
    // go version -m, the files it wrote).
    nlohmann::json truth(const std::string& tag) const;

    // Pushes layout():tag as name:tag to `registry`.
    PushedImage push(const TestRegistry& registry, const std::string& tag,
                     ManifestFormat format = ManifestFormat::Oci) const;

  private:
    explicit SbomFixtureImages(std::string dir) : dir_(std::move(dir)) {}
    std::string dir_;
};

}  // namespace signet::testing
