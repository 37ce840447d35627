#include "cosign/Dsse.h"

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "json/GoJson.h"

namespace signet::cosign {

std::string preAuthEncoding(const std::string& payloadType, const std::string& payload) {
    return "DSSEv1 " + std::to_string(payloadType.size()) + " " + payloadType + " " +
           std::to_string(payload.size()) + " " + payload;
}

std::string signEnvelope(const crypto::Signer& signer, const std::string& payloadType,
                         const std::string& payload) {
    std::string signature = signer.sign(preAuthEncoding(payloadType, payload));
    json::Ordered sig;
    sig["keyid"] = "";
    sig["sig"] = crypto::base64Encode(signature);
    json::Ordered envelope;
    envelope["payloadType"] = payloadType;
    envelope["payload"] = crypto::base64Encode(payload);
    envelope["signatures"] = json::Ordered::array({sig});
    return json::goMarshal(envelope);
}

DsseEnvelope parseEnvelope(const std::string& text) {
    nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    auto reject = [](const std::string& why) {
        return Error(ErrorKind::Verify, "invalid DSSE envelope: " + why);
    };
    if (root.is_discarded() || !root.is_object()) throw reject("not a JSON object");
    if (!root.contains("payloadType") || !root["payloadType"].is_string()) {
        throw reject("payloadType missing");
    }
    if (!root.contains("payload") || !root["payload"].is_string()) throw reject("payload missing");
    DsseEnvelope envelope;
    envelope.payloadType = root["payloadType"];
    auto payload = crypto::base64Decode(root["payload"].get<std::string>());
    if (!payload) throw reject("payload is not base64");
    envelope.payload = *payload;
    if (root.contains("signatures") && root["signatures"].is_array()) {
        for (const auto& sig : root["signatures"]) {
            if (!sig.is_object() || !sig.contains("sig") || !sig["sig"].is_string()) continue;
            auto bytes = crypto::base64Decode(sig["sig"].get<std::string>());
            if (bytes) envelope.signatures.push_back(*bytes);
        }
    }
    return envelope;
}

const std::string* verifyingSignature(const DsseEnvelope& envelope,
                                      const crypto::Verifier& verifier) {
    std::string pae = preAuthEncoding(envelope.payloadType, envelope.payload);
    for (const auto& signature : envelope.signatures) {
        if (verifier.verify(pae, signature)) return &signature;
    }
    return nullptr;
}

bool verifyEnvelope(const DsseEnvelope& envelope, const crypto::Verifier& verifier) {
    return verifyingSignature(envelope, verifier) != nullptr;
}

}  // namespace signet::cosign
