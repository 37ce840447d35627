// IdentityToken: an OIDC identity token (a JWT) as a keyless signer holds it — the compact text
// it sends to Fulcio and the claims signet reads without verifying them (Fulcio verifies).
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace signet::sigstore {

struct IdentityToken {
    std::string compact;  // header.payload.signature: a secret
    std::string issuer, subject, email;
    std::vector<std::string> audience;
    std::time_t expiry = 0;  // 0: no exp claim
    std::string source;      // where it came from, for messages ("SIGSTORE_ID_TOKEN", …)

    // What the proof of possession signs: the email claim when there is one, else sub
    // (Fulcio's challenge, sigstore oauthflow's SubjectFromToken).
    std::string proofSubject() const { return email.empty() ? subject : email; }
    bool expiredAt(std::time_t now) const { return expiry != 0 && expiry <= now; }
};

// True when `text` (trimmed) has the shape of a compact JWT: three dot-separated base64url parts.
bool looksLikeJwt(const std::string& text);

// The token's claims. Throws Error(Auth, "the identity token from <source> …") for text that is
// not a JWT with a JSON payload naming iss and sub; the token itself never enters a message.
IdentityToken parseIdentityToken(const std::string& text, const std::string& source);

}  // namespace signet::sigstore
