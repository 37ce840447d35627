// RegistryFromEnvironment: the registry client's options and keychain as the environment sets them.
#pragma once

#include <memory>

#include "config/Environment.h"
#include "config/TaskSpec.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/HttpRegistryClient.h"
#include "oci/RegistryOptions.h"
#include "secret/SecretSink.h"

namespace signet::config {

// Reads SIGNET_INSECURE_REGISTRIES (comma/space list), SIGNET_REGISTRY_CA, SIGNET_RETRIES,
// SIGNET_REQUEST_TIMEOUT (seconds), SIGNET_REGISTRY_USERNAME/_PASSWORD/_TOKEN (aliases
// COSIGN_REGISTRY_*) and SIGNET_REGISTRY. Throws Error(Config) naming the bad variable.
oci::RegistryOptions registryOptionsFromEnvironment(const Environment& env);

// signet run's options: the task's insecure hosts, CA file, retries and credentials (each read
// once, by the setting table, from wherever the task set it); SIGNET_REQUEST_TIMEOUT and
// SIGNET_REGISTRY from `env`.
oci::RegistryOptions registryOptionsFor(const TaskSpec& spec, const Environment& env);

// SIGNET_REGISTRY: the one registry explicit credentials are for ("" = every registry).
std::string explicitCredentialsHost(const Environment& env);

// The auth file: the first that exists of $DOCKER_CONFIG/config.json (or $DOCKER_CONFIG itself
// when it names a file), ~/.docker/config.json, $REGISTRY_AUTH_FILE,
// $XDG_RUNTIME_DIR/containers/auth.json, ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json;
// credential helpers are looked for on PATH and run with the whole environment.
oci::KeychainSettings keychainSettingsFromEnvironment(const Environment& env);

// Options from the environment plus a DockerConfigKeychain over the same environment.
std::unique_ptr<oci::HttpRegistryClient> makeRegistryClient(const Environment& env,
                                                            secret::SecretSink& secrets);

}  // namespace signet::config
