// KeylessSigner: signing from the CI's own identity — an ephemeral ECDSA P-256 key held in
// memory only, and the Fulcio certificate that binds it to the identity in an OIDC token.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "crypto/Certificate.h"
#include "crypto/KeySigner.h"
#include "net/Deadline.h"
#include "sigstore/CertificateIdentity.h"
#include "sigstore/Fulcio.h"
#include "sigstore/IdentityToken.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {

class KeylessSigner : public crypto::Signer {
  public:
    KeylessSigner(crypto::KeySigner key, std::vector<crypto::Certificate> chain);

    std::string sign(std::string_view message) const override { return key_.sign(message); }
    std::unique_ptr<crypto::Verifier> verifier() const override { return key_.verifier(); }
    std::vector<std::string> certificateChain() const override;
    // Who the certificate says signs.
    const CertificateIdentity& identity() const { return identity_; }
    const crypto::Certificate& certificate() const { return chain_.front(); }

  private:
    crypto::KeySigner key_;
    std::vector<crypto::Certificate> chain_;
    CertificateIdentity identity_;
};

// A fresh key certified by `ca` for `token`: the proof of possession signs the token's subject;
// the answer must certify this very key, be valid at `now`, and chain to `root` with an SCT
// from one of its certificate transparency logs. Throws Error(Auth) for Fulcio's refusal,
// Error(Verify) for a certificate that fails those checks.
std::unique_ptr<KeylessSigner> certifyEphemeralKey(const IdentityToken& token,
                                                   CertificateAuthority& ca,
                                                   const TrustedRoot& root,
                                                   const net::Deadline& deadline, std::time_t now,
                                                   std::atomic<int>* retries = nullptr);

}  // namespace signet::sigstore
