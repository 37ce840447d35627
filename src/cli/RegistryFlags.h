// RegistryFlags: cosign's registry flags, one group every command that talks to a registry adds.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/ArgumentParser.h"
#include "config/Environment.h"
#include "oci/Reference.h"
#include "oci/RegistryClient.h"
#include "secret/SecretSink.h"

namespace signet::cli {

struct RegistryFlags {
    bool allowInsecure = false;  // --allow-insecure-registry: unverified TLS, or plain HTTP
    bool allowHttp = false;      // --allow-http-registry: plain HTTP, TLS still verified
    std::string username;        // --registry-username
    std::string password;        // --registry-password (a secret)
    std::string token;           // --registry-token (a secret)
    bool k8sKeychain = false;    // --k8s-keychain: accepted; see its help

    void addTo(ArgumentParser& parser);
};

// The registry client for a command on `refs`: settings from the environment (DOCKER_CONFIG,
// SIGNET_*), then the flags, which apply to the registries of `refs` (the allow flags) or to
// every registry (the credentials, as cosign's do). Every credential is registered with
// `secrets`. Commands parse their store settings (COSIGN_REPOSITORY) before calling this, so
// that nothing is requested when those are invalid.
std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env,
                                                     secret::SecretSink& secrets,
                                                     const RegistryFlags& flags,
                                                     const std::vector<oci::Reference>& refs);

}  // namespace signet::cli
