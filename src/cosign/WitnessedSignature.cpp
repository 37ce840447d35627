#include "cosign/WitnessedSignature.h"

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sigstore/LogEntryVerification.h"

namespace signet::cosign {
namespace {

std::string decodedTimestamp(const std::string& base64, const std::string& where) {
    auto der = crypto::base64Decode(base64);
    if (!der || der->empty())
        throw Error(ErrorKind::Verify, where + ": the RFC 3161 timestamp is not base64");
    return *der;
}

// A service's answer the trusted root does not accept is refused before anything is stored.
void refuseUnaccepted(const std::string& problem, const std::string& answered) {
    if (!problem.empty())
        throw Error(ErrorKind::Registry,
                    answered + " the trusted root does not accept: " + problem);
}

}  // namespace

WitnessedSignature witness(const sigstore::Witnesses& witnesses,
                           const sigstore::SignedMaterial& material) {
    WitnessedSignature witnessed;
    const sigstore::TrustedRoot* root = witnesses.root;
    if (witnesses.timestamps) {
        witnessed.timestamp =
            witnesses.timestamps->stamp(material.signature, witnesses.deadline, witnesses.retries);
        refuseUnaccepted(
            root ? sigstore::timestampProblem(witnessed.timestamp, material.signature, *root) : "",
            "timestamp authority " + witnesses.timestamps->url() + " answered a timestamp");
    }
    if (witnesses.log) {
        witnessed.entry = witnesses.log->upload(material, witnesses.deadline, witnesses.retries);
        refuseUnaccepted(root ? sigstore::logEntryProblem(*witnessed.entry, *root, material) : "",
                         "transparency log " + witnesses.log->url() + " answered an entry");
    }
    return witnessed;
}

void addLegacyAnnotations(const WitnessedSignature& witnessed,
                          std::map<std::string, std::string>& annotations) {
    if (witnessed.entry)
        annotations[kRekorBundleAnnotation] = sigstore::cosignBundleAnnotation(*witnessed.entry);
    if (!witnessed.timestamp.empty()) {
        json::Ordered stamp;
        stamp["SignedRFC3161Timestamp"] = crypto::base64Encode(witnessed.timestamp);
        annotations[kTimestampAnnotation] = json::goMarshal(stamp);
    }
}

WitnessedSignature legacyWitnesses(const std::map<std::string, std::string>& annotations) {
    WitnessedSignature witnessed;
    if (auto it = annotations.find(kRekorBundleAnnotation); it != annotations.end())
        witnessed.entry = sigstore::parseCosignBundleAnnotation(it->second);
    if (auto it = annotations.find(kTimestampAnnotation); it != annotations.end()) {
        auto parsed = nlohmann::json::parse(it->second, nullptr, false);
        const auto stamp =
            parsed.is_object() ? parsed.find("SignedRFC3161Timestamp") : parsed.end();
        if (!parsed.is_object() || stamp == parsed.end() || !stamp->is_string())
            throw Error(ErrorKind::Verify, std::string(kTimestampAnnotation) +
                                               " is not {\"SignedRFC3161Timestamp\": …}");
        witnessed.timestamp = decodedTimestamp(*stamp, kTimestampAnnotation);
    }
    return witnessed;
}

void addBundleMaterial(const WitnessedSignature& witnessed, json::Ordered& verificationMaterial) {
    if (witnessed.entry)
        verificationMaterial["tlogEntries"] =
            json::Ordered::array({sigstore::bundleTlogEntry(*witnessed.entry)});
    if (!witnessed.timestamp.empty()) {
        json::Ordered stamp{{"signedTimestamp", crypto::base64Encode(witnessed.timestamp)}};
        verificationMaterial["timestampVerificationData"] =
            json::Ordered{{"rfc3161Timestamps", json::Ordered::array({stamp})}};
    }
}

WitnessedSignature bundleWitnesses(const nlohmann::json& bundle) {
    WitnessedSignature witnessed;
    const auto material = bundle.find("verificationMaterial");
    if (material == bundle.end() || !material->is_object()) return witnessed;
    if (auto entries = material->find("tlogEntries"); entries != material->end()) {
        if (!entries->is_array())
            throw Error(ErrorKind::Verify, "the bundle's tlogEntries is not a list");
        if (!entries->empty()) witnessed.entry = sigstore::parseBundleTlogEntry(entries->front());
    }
    if (auto data = material->find("timestampVerificationData"); data != material->end()) {
        const auto stamps = data->is_object() ? data->find("rfc3161Timestamps") : data->end();
        if (!data->is_object() || (stamps != data->end() && !stamps->is_array()))
            throw Error(ErrorKind::Verify, "the bundle's timestampVerificationData is malformed");
        if (stamps != data->end() && !stamps->empty()) {
            const auto& first = stamps->front();
            if (!first.is_object() || !first.contains("signedTimestamp") ||
                !first["signedTimestamp"].is_string())
                throw Error(ErrorKind::Verify, "a bundle timestamp has no signedTimestamp");
            witnessed.timestamp =
                decodedTimestamp(first["signedTimestamp"], "the bundle's timestamp");
        }
    }
    return witnessed;
}

}  // namespace signet::cosign
