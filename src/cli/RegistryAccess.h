// RegistryAccess: builds the registry client every command uses from the environment.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/Environment.h"
#include "cosign/ImageSigner.h"
#include "oci/RegistryClient.h"
#include "secret/SecretSink.h"

namespace signet::cli {

// Credentials, TLS and retry settings come from the environment (DOCKER_CONFIG, SIGNET_*);
// every credential read or derived is registered with `secrets`. COSIGN_REPOSITORY is checked
// here too, so that nothing is requested when it is invalid.
std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env,
                                                     secret::SecretSink& secrets);

// How read-only commands (verify, triangulate, attest) resolve what a reference names: tags are
// resolved to their current digest; a digest is used as given (after checking it exists).
cosign::SignOptions lookupOnly();

// For the verify commands: the digest `ref` names, or nullopt after printing cosign's
// "image tag not found" line for `command` (the caller exits 11).
std::optional<std::string> digestToVerify(oci::RegistryClient& client, const oci::Reference& ref,
                                          const std::string& command);

}  // namespace signet::cli
