#include "cosign/DownloadedAttachment.h"

#include "cosign/Dsse.h"
#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "error/Error.h"
#include "json/GoStruct.h"

namespace signet::cosign {
namespace {

using json::GoKind;

// cosign pkg/cosign/fetch.go: AttestationPayload and Signatures.
const json::GoStruct kSignature{"Signatures", {{"keyid", GoKind::String}, {"sig", GoKind::String}}};
const json::GoStruct kAttestationPayload{"AttestationPayload",
                                         {{"payloadType", GoKind::String},
                                          {"payload", GoKind::String},
                                          {"signatures", GoKind::StructSlice, false, &kSignature}}};

std::string annotation(const StoredLayer& layer, const std::string& key) {
    auto it = layer.descriptor.annotations.find(key);
    return it == layer.descriptor.annotations.end() ? "" : it->second;
}

// Each PEM certificate of `text` as {"Raw": base64 DER}.
json::Ordered certificates(std::string text) {
    json::Ordered out = json::Ordered::array();
    while (auto block = crypto::decodeFirstPem(text)) {
        out.push_back(json::Ordered{{"Raw", crypto::base64Encode(block->bytes.view())}});
        const auto end = text.find("-----END");
        const auto next = end == std::string::npos ? end : text.find('\n', end);
        if (next == std::string::npos) break;
        text = text.substr(next + 1);
    }
    return out;
}

// bundle.RekorBundle: SignedEntryTimestamp, Payload{body, integratedTime, logIndex, logID}.
json::Ordered rekorBundle(const std::string& text) {
    if (text.empty()) return nullptr;
    const auto parsed = json::Ordered::parse(text, nullptr, false);
    if (!parsed.is_object()) return nullptr;
    json::Ordered bundle;
    bundle["SignedEntryTimestamp"] = parsed.value("SignedEntryTimestamp", json::Ordered());
    const auto payload = parsed.value("Payload", json::Ordered::object());
    json::Ordered out;
    for (const char* key : {"body", "integratedTime", "logIndex", "logID"}) {
        out[key] = payload.is_object() ? payload.value(key, json::Ordered()) : json::Ordered();
    }
    bundle["Payload"] = out;
    return bundle;
}

json::Ordered timestamp(const std::string& text) {
    if (text.empty()) return nullptr;
    const auto parsed = json::Ordered::parse(text, nullptr, false);
    if (!parsed.is_object()) return nullptr;
    return json::Ordered{{"SignedRFC3161Timestamp", parsed.value("SignedRFC3161Timestamp", "")}};
}

}  // namespace

std::string signedPayloadJson(const StoredLayer& layer) {
    json::Ordered out;
    out["Base64Signature"] = annotation(layer, "dev.cosignproject.cosign/signature");
    out["Payload"] = crypto::base64Encode(layer.payload);
    const auto cert = certificates(annotation(layer, "dev.sigstore.cosign/certificate"));
    out["Cert"] = cert.empty() ? json::Ordered() : cert[0];
    const auto chain = certificates(annotation(layer, "dev.sigstore.cosign/chain"));
    out["Chain"] = chain.empty() ? json::Ordered() : chain;
    out["Bundle"] = rekorBundle(annotation(layer, "dev.sigstore.cosign/bundle"));
    out["RFC3161Timestamp"] = timestamp(annotation(layer, "dev.sigstore.cosign/rfc3161timestamp"));
    return json::goMarshal(out);
}

std::string attestationPayloadJson(const StoredLayer& layer) {
    const auto parsed = json::Ordered::parse(layer.payload, nullptr, false);
    if (parsed.is_discarded()) {
        throw Error(ErrorKind::Registry,
                    "an attestation layer is not JSON (" + layer.descriptor.digest + ")");
    }
    return json::goMarshal(json::remarshal(parsed, kAttestationPayload));
}

std::string attestationPredicateType(const StoredLayer& layer) {
    const auto envelope = parseEnvelope(layer.payload);
    const auto statement = nlohmann::json::parse(envelope.payload, nullptr, false);
    if (!statement.is_object()) return "";
    const auto type = statement.value("predicateType", nlohmann::json());
    return type.is_string() ? type.get<std::string>() : "";
}

}  // namespace signet::cosign
