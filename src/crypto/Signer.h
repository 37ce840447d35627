// Signer: produces cosign-compatible signatures over message bytes with one private key.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crypto/Verifier.h"

namespace signet::crypto {

class Signer {
public:
    virtual ~Signer() = default;
    // Raw signature bytes over `message` (ECDSA: ASN.1 DER; hash chosen by key type as cosign).
    virtual std::string sign(std::string_view message) const = 0;
    // A verifier for this signer's public key.
    virtual std::unique_ptr<Verifier> verifier() const = 0;
};

}  // namespace signet::crypto
