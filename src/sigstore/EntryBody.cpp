#include "sigstore/EntryBody.h"

#include <nlohmann/json.hpp>

#include "crypto/Certificate.h"
#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "crypto/PublicKey.h"
#include "error/Error.h"

namespace signet::sigstore {
namespace {

// The DER of a PEM certificate or public key (what an entry records as the signer). Throws
// Error for PEM that is neither.
std::string signerDer(const std::string& pem) {
    auto block = crypto::decodeFirstPem(pem);
    if (block && block->type == "CERTIFICATE")
        return crypto::Certificate::chainFromPem(pem, "log entry certificate").front().der();
    return crypto::PublicKey::fromPem(pem, "log entry key").pkixDer();
}

// The signer DER of a base64-encoded PEM, or empty when it is not one.
std::string keyDer(const std::string& base64Pem) {
    auto pem = crypto::base64Decode(base64Pem);
    if (!pem) return "";
    try {
        return signerDer(*pem);
    } catch (const Error&) {
        return "";
    }
}

bool sameSignature(const nlohmann::json& content, const std::string& signature) {
    if (!content.is_string()) return false;
    auto decoded = crypto::base64Decode(content.get<std::string>());
    return decoded && *decoded == signature;
}

std::string hashedRekordMismatch(const nlohmann::json& spec, const SignedMaterial& material,
                                 const std::string& der) {
    const auto& hash = spec.at("data").at("hash");
    if (hash.value("algorithm", "") != "sha256" ||
        hash.value("value", "") != crypto::hexEncode(material.payloadSha256))
        return "the log entry records another payload hash";
    const auto& signature = spec.at("signature");
    if (!sameSignature(signature.at("content"), material.signature))
        return "the log entry records another signature";
    if (keyDer(signature.at("publicKey").value("content", "")) != der)
        return "the log entry records another public key";
    return "";
}

std::string dsseMismatch(const nlohmann::json& spec, const SignedMaterial& material,
                         const std::string& der) {
    const auto& hash = spec.at("payloadHash");
    if (hash.value("algorithm", "") != "sha256" ||
        hash.value("value", "") != crypto::hexEncode(material.payloadSha256))
        return "the log entry records another payload hash";
    const auto& signatures = spec.at("signatures");
    if (!signatures.is_array()) return "the log entry records no signatures";
    for (const auto& item : signatures) {
        if (item.is_object() && sameSignature(item.at("signature"), material.signature) &&
            keyDer(item.value("verifier", "")) == der)
            return "";
    }
    return "the log entry records another signature or key";
}

}  // namespace

std::string proposedEntry(const SignedMaterial& material) {
    const std::string key = crypto::base64Encode(material.publicKeyPem);
    nlohmann::json entry;  // sorted keys, as Rekor canonicalizes
    entry["apiVersion"] = "0.0.1";
    if (material.kind == EntryKind::HashedRekord) {
        entry["kind"] = "hashedrekord";
        entry["spec"]["data"]["hash"] = {{"algorithm", "sha256"},
                                         {"value", crypto::hexEncode(material.payloadSha256)}};
        entry["spec"]["signature"] = {{"content", crypto::base64Encode(material.signature)},
                                      {"publicKey", {{"content", key}}}};
    } else {
        entry["kind"] = "dsse";
        entry["spec"]["proposedContent"] = {{"envelope", material.envelope},
                                            {"verifiers", nlohmann::json::array({key})}};
    }
    return entry.dump();
}

std::string bodyMismatch(const std::string& body, const SignedMaterial& material) {
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (!parsed.is_object()) return "the log entry's body is not JSON";
    const std::string want = material.kind == EntryKind::HashedRekord ? "hashedrekord" : "dsse";
    if (parsed.value("kind", "") != want || parsed.value("apiVersion", "") != "0.0.1")
        return "the log entry is not a " + want + " 0.0.1 entry";
    std::string der;
    try {
        der = signerDer(material.publicKeyPem);
    } catch (const Error& e) {
        return e.what();
    }
    try {
        const auto& spec = parsed.at("spec");
        return material.kind == EntryKind::HashedRekord ? hashedRekordMismatch(spec, material, der)
                                                        : dsseMismatch(spec, material, der);
    } catch (const nlohmann::json::exception&) {
        return "the log entry's body is malformed";
    }
}

}  // namespace signet::sigstore
