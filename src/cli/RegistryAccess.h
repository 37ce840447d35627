// RegistryAccess: how commands look up what a reference names (connectRegistry: RegistryFlags.h).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/RegistryFlags.h"
#include "cosign/ImageSigner.h"
#include "oci/RegistryClient.h"
#include "secret/SecretSink.h"

namespace signet::cli {

// How read-only commands (verify, triangulate, sbom) resolve what a reference names: tags are
// resolved to their current digest; a digest is used as given (after checking it exists).
cosign::SignOptions lookupOnly();

// For the verify commands: the digest `ref` names, or nullopt after printing cosign's
// "image tag not found" line for `command` (the caller exits 11).
std::optional<std::string> digestToVerify(oci::RegistryClient& client, const oci::Reference& ref,
                                          const std::string& command);

}  // namespace signet::cli
