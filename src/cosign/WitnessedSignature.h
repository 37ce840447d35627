// WitnessedSignature: what a transparency log and a timestamp authority said about one signature
// as it was made, and the two places cosign keeps it — a legacy layer's annotations and a
// Sigstore bundle's verificationMaterial.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "json/GoJson.h"
#include "sigstore/EntryBody.h"
#include "sigstore/LogEntry.h"
#include "sigstore/Witnesses.h"

namespace signet::cosign {

inline constexpr const char* kRekorBundleAnnotation = "dev.sigstore.cosign/bundle";
inline constexpr const char* kTimestampAnnotation = "dev.sigstore.cosign/rfc3161timestamp";

struct WitnessedSignature {
    std::optional<sigstore::LogEntry> entry;  // the Rekor entry recording it
    std::string timestamp;  // DER RFC 3161 TimeStampResp over the signature; empty: none
};

// Asks the witnesses there are: the timestamp authority (over material.signature, as cosign
// stamps the raw signature bytes), then the log. Throws their Errors.
WitnessedSignature witness(const sigstore::Witnesses& witnesses,
                           const sigstore::SignedMaterial& material);

// Legacy .sig layer: dev.sigstore.cosign/bundle (the entry as cosign's rekor bundle) and
// dev.sigstore.cosign/rfc3161timestamp ({"SignedRFC3161Timestamp":"<base64 DER>"}).
void addLegacyAnnotations(const WitnessedSignature& witnessed,
                          std::map<std::string, std::string>& annotations);
// What a layer's annotations carry. Throws Error(Verify) for annotations that do not parse.
WitnessedSignature legacyWitnesses(const std::map<std::string, std::string>& annotations);

// Bundle: verificationMaterial.tlogEntries and timestampVerificationData.rfc3161Timestamps.
void addBundleMaterial(const WitnessedSignature& witnessed, json::Ordered& verificationMaterial);
// What a bundle's verificationMaterial carries (its first log entry and first timestamp).
// Throws Error(Verify) for material that does not parse.
WitnessedSignature bundleWitnesses(const nlohmann::json& bundle);

}  // namespace signet::cosign
