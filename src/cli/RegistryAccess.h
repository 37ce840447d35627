// RegistryAccess: builds the registry client every command uses from the environment.
#pragma once

#include <memory>

#include "config/Environment.h"
#include "oci/RegistryClient.h"

namespace signet::cli {

// Credentials, TLS and retry settings come from the environment (DOCKER_CONFIG, SIGNET_*).
std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env);

}  // namespace signet::cli
