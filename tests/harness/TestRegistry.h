// TestRegistry: a real Debian docker-registry on 127.0.0.1 with a free port, stopped by its PID.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/CertificateAuthority.h"

namespace signet::testing {

enum class RegistryAuth { None, Htpasswd, Token };

// Where the token server of a Token registry listens: HTTPS with a certificate from the
// registry's CA when the registry has TLS (plain HTTP otherwise), or always plain HTTP.
enum class TokenTransport { LikeRegistry, PlainHttp };

struct TestRegistryOptions {
    RegistryAuth auth = RegistryAuth::None;
    bool tls = false;  // serve HTTPS with a certificate from a CA generated for this registry
    // The server certificate (tls); default: CN 127.0.0.1, IP:127.0.0.1 and DNS:localhost, valid.
    std::optional<CertificateRequest> certificate = std::nullopt;
    TokenTransport tokenTransport = TokenTransport::LikeRegistry;
    bool deleteEnabled = true;  // storage.delete.enabled: false makes DELETE answer 405
};

class TokenServer;

// Each registry owns a temporary directory (config.yml, registry.log, storage/, certificates),
// random credentials, and for Token auth an in-process TokenServer. Several can run at once.
class TestRegistry {
  public:
    explicit TestRegistry(TestRegistryOptions options = {});
    ~TestRegistry();  // SIGTERM then SIGKILL by PID; removes its temporary directory
    TestRegistry(const TestRegistry&) = delete;
    TestRegistry& operator=(const TestRegistry&) = delete;

    std::string host() const;      // "127.0.0.1:PORT"
    std::string url() const;       // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT"
    std::string username() const;  // credentials accepted with Htpasswd or Token auth
    std::string password() const;
    std::string caFile() const;   // PEM file of the CA that signed the server certificate (tls)
    std::string certDir() const;  // directory holding only ca.crt (skopeo --cert-dir), tls only
    std::string workDir() const;  // the temporary directory (storage, config, certs)
    std::string logFile() const;  // the registry's stdout+stderr
    // Requests the registry has answered so far (distribution logs one line per response);
    // with `uri`, only those for exactly that path ("/v2/").
    int requestsLogged(const std::string& uri = {}) const;
    bool tls() const;
    RegistryAuth auth() const;
    int tokenRequests() const;       // token requests the token server answered (Token auth)
    std::string tokenRealm() const;  // the token server URL (Token auth)
    std::string tokenHost() const;   // "127.0.0.1:PORT" of the token server (Token auth)
    // What SIGNET_INSECURE_REGISTRIES must list to use this registry: host() without TLS, and
    // tokenHost() when the token server speaks plain HTTP. Comma-separated; may be empty.
    std::string insecureHosts() const;

    // Arguments that make skopeo talk to this registry as a destination/source, e.g.
    // {"--dest-tls-verify=false", "--dest-creds", "u:p"}.
    std::vector<std::string> skopeoDestArgs() const;
    std::vector<std::string> skopeoSrcArgs() const;
    // The same for commands without a prefix (skopeo inspect, delete): {"--tls-verify=false", ...}.
    std::vector<std::string> skopeoArgs() const;

  private:
    std::vector<std::string> skopeoArgsWithPrefix(const std::string& prefix) const;
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
