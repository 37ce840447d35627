// Pem: PEM blocks as Go's encoding/pem writes them (no headers, 64-character base64 lines).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crypto/SecretBytes.h"

namespace signet::crypto {

struct PemBlock {
    std::string type;   // e.g. "PUBLIC KEY", "ENCRYPTED SIGSTORE PRIVATE KEY"
    SecretBytes bytes;  // the decoded body (may be key material, so it is wiped)
};

// The first PEM block in `text`, or nullopt when there is none or its body is not valid base64.
std::optional<PemBlock> decodeFirstPem(std::string_view text);

// "-----BEGIN TYPE-----\n", base64 of `bytes` in 64-character lines, "-----END TYPE-----\n".
std::string encodePem(std::string_view type, std::string_view bytes);

}  // namespace signet::crypto
