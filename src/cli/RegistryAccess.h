// RegistryAccess: builds the registry client every command uses from the environment.
#pragma once

#include <memory>

#include "config/Environment.h"
#include "cosign/ImageSigner.h"
#include "oci/RegistryClient.h"

namespace signet::cli {

// Credentials, TLS and retry settings come from the environment (DOCKER_CONFIG, SIGNET_*).
std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env);

// How read-only commands (verify, triangulate, attest) resolve what a reference names: tags are
// resolved to their current digest; a digest is used as given (after checking it exists).
cosign::SignOptions lookupOnly();

}  // namespace signet::cli
