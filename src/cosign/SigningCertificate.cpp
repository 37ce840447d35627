#include "cosign/SigningCertificate.h"

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::cosign {
namespace {

crypto::Certificate fromBase64Der(const nlohmann::json& holder, const std::string& what) {
    const auto bytes =
        holder.is_object() && holder.contains("rawBytes") && holder["rawBytes"].is_string()
            ? crypto::base64Decode(holder["rawBytes"].get<std::string>())
            : std::nullopt;
    if (!bytes) throw Error(ErrorKind::Verify, what + ": no base64 rawBytes");
    return crypto::Certificate::fromDer(*bytes, what);
}

}  // namespace

void addCertificateAnnotations(const std::vector<std::string>& chain,
                               std::map<std::string, std::string>& annotations) {
    if (chain.empty()) return;
    annotations[kCertificateAnnotation] = chain.front();
    std::string rest;
    for (std::size_t i = 1; i < chain.size(); ++i) rest += chain[i];
    if (!rest.empty()) annotations[kChainAnnotation] = rest;
}

std::vector<crypto::Certificate> legacyCertificateChain(
    const std::map<std::string, std::string>& annotations) {
    auto leaf = annotations.find(kCertificateAnnotation);
    if (leaf == annotations.end() || leaf->second.empty()) return {};
    std::vector<crypto::Certificate> chain{
        crypto::Certificate::chainFromPem(leaf->second, kCertificateAnnotation).front()};
    if (auto rest = annotations.find(kChainAnnotation);
        rest != annotations.end() && !rest->second.empty()) {
        for (auto& certificate : crypto::Certificate::chainFromPem(rest->second, kChainAnnotation))
            chain.push_back(std::move(certificate));
    }
    return chain;
}

void addBundleCertificate(const std::string& leafPem, json::Ordered& verificationMaterial) {
    const auto leaf = crypto::Certificate::chainFromPem(leafPem, "signing certificate").front();
    verificationMaterial["certificate"] =
        json::Ordered{{"rawBytes", crypto::base64Encode(leaf.der())}};
}

std::vector<crypto::Certificate> bundleCertificateChain(const nlohmann::json& bundle) {
    const auto material = bundle.value("verificationMaterial", nlohmann::json::object());
    if (!material.is_object()) return {};
    if (auto certificate = material.find("certificate"); certificate != material.end())
        return {fromBase64Der(*certificate, "the bundle's certificate")};
    std::vector<crypto::Certificate> chain;
    if (auto old = material.find("x509CertificateChain"); old != material.end() && old->is_object())
        for (const auto& item : old->value("certificates", nlohmann::json::array()))
            chain.push_back(fromBase64Der(item, "the bundle's certificate chain"));
    return chain;
}

}  // namespace signet::cosign
