// IdentityTokenSources: where a keyless signer may find its OIDC identity token, in cosign's
// order — given (--identity-token, SIGSTORE_ID_TOKEN), GitHub Actions' token endpoint, a token
// file (a projected Kubernetes service-account token) — and the fetch of the first one set.
#pragma once

#include <ctime>
#include <string>

#include "net/Deadline.h"
#include "oci/HttpTransport.h"
#include "secret/SecretSink.h"
#include "sigstore/IdentityToken.h"

namespace signet::sigstore {

inline constexpr const char* kCosignTokenFile = "/var/run/sigstore/cosign/oidc-token";
inline constexpr const char* kSigstoreAudience = "sigstore";

struct IdentityTokenSources {
    std::string given;        // the token itself, or a path to a file holding it
    std::string givenOrigin;  // "--identity-token", "SIGSTORE_ID_TOKEN"
    std::string githubRequestUrl, githubRequestToken;  // ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN
    std::string file;        // SIGNET_IDENTITY_TOKEN_FILE, or cosign's path when it exists
    std::string fileOrigin;  // "SIGNET_IDENTITY_TOKEN_FILE" or the path's own name

    bool github() const { return !githubRequestUrl.empty() && !githubRequestToken.empty(); }
    bool any() const { return !given.empty() || github() || !file.empty(); }
};

// The one line naming every source, for "no identity token" errors.
std::string tokenSourcesHelp();

// The token from the first source set, registered with `secrets` before anything else is done
// with it (and the GitHub request token too). GitHub: GET <url>&audience=sigstore with the
// request token as bearer, answering {"value": "<jwt>"}. Throws Error(Auth) when no source is
// set, the token is expired at `now` or not a JWT, and the endpoint's refusal.
IdentityToken obtainIdentityToken(const IdentityTokenSources& sources, oci::HttpTransport& http,
                                  secret::SecretSink& secrets, const net::Deadline& deadline,
                                  std::time_t now);

}  // namespace signet::sigstore
