// SigningConfig: the service URLs of Sigstore's signing config v0.2
// (application/vnd.dev.sigstore.signingconfig.v0.2+json), as cosign --signing-config reads it.
#pragma once

#include <ctime>
#include <string>

namespace signet::sigstore {

struct SigningConfig {
    std::string rekorUrl;   // a Rekor API v1 instance valid now, or empty
    std::string tsaUrl;     // a timestamp authority valid now (full endpoint URL), or empty
    std::string fulcioUrl;  // a Fulcio instance valid now, or empty
};

// The first service of each kind whose validFor holds `now` (Rekor: majorApiVersion 1 only,
// since signet speaks API v1). Throws Error(Config, "<what>: …") for JSON that is not a signing
// config, or one whose only Rekor instances are v2.
SigningConfig parseSigningConfig(const std::string& text, const std::string& what, std::time_t now);
SigningConfig loadSigningConfig(const std::string& path, std::time_t now);

}  // namespace signet::sigstore
