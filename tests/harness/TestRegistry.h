// TestRegistry: a real Debian docker-registry on 127.0.0.1 with a free port, stopped by its PID.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace signet::testing {

enum class RegistryAuth { None, Htpasswd, Token };

struct TestRegistryOptions {
    RegistryAuth auth = RegistryAuth::None;
    bool tls = false;  // serve HTTPS with a certificate from a CA generated for this registry
};

class TokenServer;

class TestRegistry {
public:
    explicit TestRegistry(TestRegistryOptions options = {});
    ~TestRegistry();  // SIGTERM then SIGKILL by PID; removes its temporary directory
    TestRegistry(const TestRegistry&) = delete;
    TestRegistry& operator=(const TestRegistry&) = delete;

    std::string host() const;        // "127.0.0.1:PORT"
    std::string username() const;    // credentials accepted with Htpasswd or Token auth
    std::string password() const;
    std::string caFile() const;      // PEM file of the CA that signed the server certificate (tls)
    std::string workDir() const;     // the temporary directory (storage, config, certs)
    bool tls() const;
    int tokenRequests() const;       // token requests the token server answered (Token auth)
    std::string tokenRealm() const;  // the token server URL (Token auth)

    // Arguments that make skopeo talk to this registry as a destination/source, e.g.
    // {"--dest-tls-verify=false", "--dest-creds", "u:p"}.
    std::vector<std::string> skopeoDestArgs() const;
    std::vector<std::string> skopeoSrcArgs() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
