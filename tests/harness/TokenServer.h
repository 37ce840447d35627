// TokenServer: an in-process Docker token service (Poco HTTP on 127.0.0.1) issuing ES256 JWTs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/Credentials.h"

namespace signet::testing {

struct TokenServerOptions {
    std::string service = "signet-test-registry";  // becomes the token's "aud"
    std::string issuer = "signet-test-token-server";
    Credentials credentials;  // the one account that gets access
    // Both set: serve HTTPS with this PEM certificate and key; otherwise plain HTTP.
    std::string tlsCertificateFile;
    std::string tlsKeyFile;
};

// One requested resource from a `scope` parameter, e.g. "repository:team/app:pull,push".
struct ScopeRequest {
    std::string type;
    std::string name;
    std::vector<std::string> actions;
};

// Type up to the first ':', actions after the last ':', name in between.
// Throws std::invalid_argument for a scope with fewer than two ':'.
ScopeRequest parseScope(const std::string& scope);

// GET /token?service=S&scope=...&scope=... answers {"token","access_token","expires_in":300,
// "issued_at"}. Right Basic credentials → every requested action granted; no credentials →
// a token with empty access (the registry then refuses); wrong credentials → 401.
class TokenServer {
  public:
    explicit TokenServer(TokenServerOptions options);
    ~TokenServer();  // stops the HTTP server and its threads
    TokenServer(const TokenServer&) = delete;
    TokenServer& operator=(const TokenServer&) = delete;

    std::string realm() const;  // "http://127.0.0.1:PORT/token" (https:// with TLS)
    std::string host() const;   // "127.0.0.1:PORT"
    const std::string& service() const;
    const std::string& issuer() const;
    std::string rootCertificatePem() const;  // the registry's auth.token.rootcertbundle
    int requests() const;                    // every request answered, whatever the outcome

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
