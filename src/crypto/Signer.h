// Signer: produces cosign-compatible signatures over message bytes with one private key.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/Verifier.h"

namespace signet::crypto {

class Signer {
  public:
    virtual ~Signer() = default;
    // Raw signature bytes over `message` (ECDSA: ASN.1 DER; hash chosen by key type as cosign).
    virtual std::string sign(std::string_view message) const = 0;
    // A verifier for this signer's public key.
    virtual std::unique_ptr<Verifier> verifier() const = 0;
    // The PEM certificates that bind the key to an identity, leaf first (keyless signing's
    // Fulcio chain); empty for a key the verifier is given directly.
    virtual std::vector<std::string> certificateChain() const { return {}; }
    // What a transparency log records as the signer (PEM): the leaf certificate, else the key.
    std::string verificationPem() const {
        auto chain = certificateChain();
        return chain.empty() ? verifier()->publicKeyPem() : chain.front();
    }
};

}  // namespace signet::crypto
