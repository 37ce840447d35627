// RegistryOptions: how the registry client connects (TLS, insecure hosts, retries, credentials).
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "oci/Credentials.h"

namespace signet::oci {

// Credentials given explicitly (SIGNET_REGISTRY_USERNAME/_PASSWORD/_TOKEN); they win over any
// config file, for every registry or only for `host` when that is set (SIGNET_REGISTRY).
struct ExplicitCredentials {
    Credentials credentials;
    std::string host;  // empty: all registries

    bool appliesTo(const std::string& registry) const { return host.empty() || host == registry; }
};

struct RegistryOptions {
    std::set<std::string> insecureHosts;  // host[:port]: HTTPS unverified, then plain HTTP
    // host[:port] that may speak plain HTTP, whose TLS is still verified (cosign's
    // --allow-http-registry without --allow-insecure-registry).
    std::set<std::string> plainHttpHosts;
    std::string caFile;                // extra PEM CA bundle, on top of the system store
    int retries = 3;                   // retries after the first attempt
    std::chrono::seconds timeout{60};  // per request: connect, send, and each receive
    std::optional<ExplicitCredentials> credentials;
    std::string userAgent = std::string("signet/") + SIGNET_VERSION;
};

}  // namespace signet::oci
