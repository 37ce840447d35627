// SigningCertificate: where a keyless signature keeps the certificate that binds its key to an
// identity, as cosign does — a legacy layer's dev.sigstore.cosign/certificate and /chain
// annotations, a bundle's verificationMaterial.certificate — and reading it back.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/Certificate.h"
#include "json/GoJson.h"

namespace signet::cosign {

inline constexpr const char* kCertificateAnnotation = "dev.sigstore.cosign/certificate";
inline constexpr const char* kChainAnnotation = "dev.sigstore.cosign/chain";

// `chain`: PEM, leaf first. The leaf goes in /certificate, the rest concatenated in /chain.
void addCertificateAnnotations(const std::vector<std::string>& chain,
                               std::map<std::string, std::string>& annotations);
// The chain a layer carries, leaf first; empty without a certificate annotation. Throws
// Error(Verify) for annotations that do not parse.
std::vector<crypto::Certificate> legacyCertificateChain(
    const std::map<std::string, std::string>& annotations);

// verificationMaterial.certificate {rawBytes: base64 DER of the leaf} (bundle v0.3).
void addBundleCertificate(const std::string& leafPem, json::Ordered& verificationMaterial);
// The chain a bundle carries (v0.3 certificate, or an older x509CertificateChain), leaf first;
// empty when it names a public key. Throws Error(Verify) for bytes that do not parse.
std::vector<crypto::Certificate> bundleCertificateChain(const nlohmann::json& bundle);

}  // namespace signet::cosign
