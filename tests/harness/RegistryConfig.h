// RegistryConfig: the config.yml for Debian's docker-registry (distribution 2.8) in a test.
#pragma once

#include <optional>
#include <string>

namespace signet::testing {

struct RegistryTlsFiles {
    std::string certificateFile;  // PEM server certificate
    std::string keyFile;          // PEM private key
};

struct RegistryTokenAuth {
    std::string realm;           // token server URL
    std::string service;         // audience the tokens must name
    std::string issuer;          // issuer the tokens must name
    std::string rootCertBundle;  // PEM file of the CA that signed the token signing certificate
};

struct RegistryConfig {
    int port = 0;
    std::string storageDir;
    std::string httpSecret;
    std::optional<RegistryTlsFiles> tls;
    std::optional<std::string> htpasswdFile;
    std::optional<RegistryTokenAuth> token;
    bool deleteEnabled = true;
};

// YAML text: filesystem storage, delete enabled (unless deleteEnabled is false), http.addr
// 127.0.0.1:port, optional TLS and auth.
std::string registryConfigYaml(const RegistryConfig& config);

}  // namespace signet::testing
