// DirectClient: signet's own registry client pointed straight at a TestRegistry (no proxy), for
// tests that set up images quickly and read back what signet wrote.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/TestRegistry.h"
#include "oci/HttpRegistryClient.h"

namespace signet::testing {

// Plain HTTP to the registry, with its credentials when it has any, retries silent.
std::unique_ptr<oci::HttpRegistryClient> directClient(const TestRegistry& registry);

// A tiny image (unique config, one small layer) pushed straight to the registry: many images
// in a second, where skopeo would take minutes. Returns its manifest digest.
std::string pushTinyImage(oci::RegistryClient& client, const oci::Repository& repo,
                          const std::string& tag, const std::string& label);

// The Sigstore bundles the referrers tag-schema index of repo@digest lists (the bundle JSON of
// each referrer manifest's one layer), in index order; empty when there is no index.
std::vector<std::string> bundlesInTagIndex(oci::RegistryClient& client, const oci::Repository& repo,
                                           const std::string& digest);

}  // namespace signet::testing
