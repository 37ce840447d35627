// JwtSigner: compact ES256 JSON Web Tokens with an x5c header, as distribution's token auth reads
// them.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace signet::testing {

// base64url without padding (RFC 7515 §2).
std::string base64UrlEncode(const std::string& bytes);

class JwtSigner {
  public:
    // `privateKeyPem`: a P-256 key; `certificateChainDer`: its certificate first, then any
    // intermediates (sent as the x5c header so the registry can chain it to its root bundle).
    JwtSigner(const std::string& privateKeyPem, std::vector<std::string> certificateChainDer);
    ~JwtSigner();
    JwtSigner(const JwtSigner&) = delete;
    JwtSigner& operator=(const JwtSigner&) = delete;

    // header.claims.signature, the signature being raw r||s (64 bytes) as JWS ES256 requires.
    std::string sign(const nlohmann::json& claims) const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
