// TrustedRoot: the transparency logs, certificate authorities (Fulcio), certificate
// transparency logs and timestamp authorities a verifier trusts, read from
// Sigstore's trusted_root.json (application/vnd.dev.sigstore.trustedroot+json;version=0.1).
#pragma once

#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/KeyVerifier.h"

namespace signet::sigstore {

// A time range a key or certificate chain may be used in; an absent end is open.
struct ValidityPeriod {
    std::time_t start = 0;
    std::optional<std::time_t> end;

    bool contains(std::time_t when) const { return when >= start && (!end || when <= *end); }
};

// The validFor of `holder` (start only when it has no end; the epoch when it has none).
// Throws Error(Config) for a time that is not RFC 3339.
ValidityPeriod validityOf(const nlohmann::json& holder, const std::string& what);

struct TransparencyLogKey {
    std::string baseUrl;
    std::string logId;  // raw bytes: sha256 of the DER key for Rekor v1
    std::shared_ptr<const crypto::KeyVerifier> key;
    ValidityPeriod validFor;
};

// A certificate authority (Fulcio) or timestamp authority: its chain and when it may be used.
struct AuthorityChain {
    std::string uri;
    std::vector<std::string> certificates;  // DER, leaf first, root last
    ValidityPeriod validFor;
};

struct TrustedRoot {
    std::vector<TransparencyLogKey> tlogs;
    std::vector<AuthorityChain> timestampAuthorities;
    std::vector<AuthorityChain> certificateAuthorities;  // Fulcio instances
    std::vector<TransparencyLogKey> ctlogs;  // certificate transparency logs (their SCTs)

    // The log whose id is `logId` (raw bytes), or null.
    const TransparencyLogKey* logById(const std::string& logId) const;
    // The certificate transparency log whose id is `logId`, or null.
    const TransparencyLogKey* ctlogById(const std::string& logId) const;
};

// Throws Error(Config, "<what>: …") for JSON that is not a trusted root, a key that does not
// parse, or a bad time.
TrustedRoot parseTrustedRoot(const std::string& text, const std::string& what);
TrustedRoot loadTrustedRoot(const std::string& path);

// A log known only by its PEM public key (cosign's SIGSTORE_REKOR_PUBLIC_KEY): its id is the
// sha256 of the DER key, valid at all times.
TransparencyLogKey logKeyFromPem(const std::string& pem, const std::string& what);

}  // namespace signet::sigstore
