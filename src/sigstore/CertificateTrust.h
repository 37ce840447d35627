// CertificateTrust: whether a signing certificate is one the trusted root vouches for — it
// chains to one of the root's certificate authorities (Fulcio) and carries a signed certificate
// timestamp from one of its certificate transparency logs.
#pragma once

#include <string>
#include <vector>

#include "crypto/Certificate.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {

// Empty when `leaf`, with `intermediates` as untrusted helpers (the chain a signature carries,
// leaf excluded), chains to a certificate authority of `root` that was valid when the leaf was
// issued, allows code signing, and (requireSct) embeds an SCT that verifies with a ctlog of
// `root`; else the reason. The chain is judged at the leaf's notBefore, as cosign does: a
// short-lived certificate has expired by the time anyone verifies it.
std::string certificateProblem(const crypto::Certificate& leaf,
                               const std::vector<crypto::Certificate>& intermediates,
                               const TrustedRoot& root, bool requireSct = true);

// Empty when one of `leaf`'s embedded SCTs (RFC 6962 precertificate entries) verifies with a
// ctlog of `root`, `issuer` being the certificate that signed `leaf`; else the reason.
std::string embeddedSctProblem(const crypto::Certificate& leaf, const crypto::Certificate& issuer,
                               const TrustedRoot& root);

}  // namespace signet::sigstore
