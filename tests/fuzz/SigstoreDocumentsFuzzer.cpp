// What Sigstore services and other signers hand signet: Rekor answers, cosign's rekor bundle
// annotation, a bundle's verificationMaterial, trusted roots, signing configs and RFC 3161
// replies. The first byte picks the parser; the rest is its input.
#include <nlohmann/json.hpp>

#include "cosign/WitnessedSignature.h"
#include "sigstore/LogEntry.h"
#include "sigstore/SigningConfig.h"
#include "sigstore/TimestampAuthority.h"
#include "sigstore/TrustedRoot.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text = signet::fuzz::inputText(data + 1, size - 1);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        switch (data[0] % 6) {
            case 0:
                signet::sigstore::parseRekorAnswer(text, "rekor");
                break;
            case 1:
                signet::sigstore::signedEntryTimestampPayload(
                    signet::sigstore::parseCosignBundleAnnotation(text));
                break;
            case 2: {
                auto bundle = nlohmann::json::parse(text, nullptr, false);
                if (bundle.is_object()) signet::cosign::bundleWitnesses(bundle);
                break;
            }
            case 3:
                signet::sigstore::parseTrustedRoot(text, "root");
                break;
            case 4:
                signet::sigstore::parseSigningConfig(text, "config", 1764800000);
                break;
            default:
                signet::sigstore::timestampReplyProblem(text, "data");
                break;
        }
    });
    return 0;
}
