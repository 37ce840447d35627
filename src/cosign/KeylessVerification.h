// KeylessVerification: cosign verify's checks on a signature that carries a Fulcio certificate
// instead of naming a key — the certificate chains to the trusted root's certificate authority
// with an SCT, names the expected identity, and a verified log entry or timestamp proves the
// signature was made while the short-lived certificate was valid.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "crypto/Certificate.h"
#include "crypto/KeyVerifier.h"
#include "sigstore/CertificateIdentity.h"
#include "sigstore/TrustedRoot.h"

namespace signet::cosign {

struct KeylessPolicy {
    const sigstore::TrustedRoot* root = nullptr;  // its certificate authorities and ctlogs
    sigstore::IdentityPolicy identity;
    bool ignoreSct = false;  // --insecure-ignore-sct
};

struct CertifiedKey {
    std::unique_ptr<crypto::KeyVerifier> key;  // null when the certificate is refused
    std::string certificatePem;                // the leaf: what a log entry records
    std::string problem;                       // why it is refused
};

// The key of `chain`'s leaf (the rest: the intermediates it carries) when the chain passes
// `policy`, else the reason.
CertifiedKey certifiedKey(const std::vector<crypto::Certificate>& chain,
                          const KeylessPolicy& policy);

// Empty when the witnesses proved at least one time and every one of them lies within
// `leaf`'s validity, else the reason.
std::string signingTimeProblem(const std::vector<std::time_t>& proven,
                               const crypto::Certificate& leaf);

}  // namespace signet::cosign
