// `signet verify`: cosign verify's checks, stderr header, stdout JSON and exit codes (10/11/12).
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "cli/SigstoreFlags.h"
#include "cli/VerificationHeader.h"
#include "config/CommandTimeout.h"
#include "config/KeySourceFromEnvironment.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/Annotations.h"
#include "cosign/AttachmentTag.h"
#include "cosign/ImageSigner.h"
#include "cosign/SignatureStore.h"
#include "cosign/SignatureVerification.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

std::string joined(const std::vector<std::string>& reasons) {
    std::string out;
    for (const auto& reason : reasons) {
        if (!out.empty()) out += "; ";
        out += reason;
    }
    return out;
}

}  // namespace

int runVerify(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, output = "json";
    std::vector<std::string> annotations;
    ArgumentParser parser("verify", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    VerifyingFlags verifyingFlags;
    verifyingFlags.addTo(parser);
    std::string timeout;
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.option("--key", &key, "public key: path, env://VAR, key directory, k8s://ns/name");
    parser.csvList("--annotations,-a", &annotations, "key=value the payload must carry");
    parser.option("--output,-o", &output, "json (default) or text");
    std::string text = parser.parseOne(args);
    verifyingFlags.check();
    if (output != "json" && output != "text") {
        throw Error(ErrorKind::Usage, "--output must be json or text");
    }
    oci::Reference ref = oci::Reference::parse(text);
    if (key.empty()) throw Error(ErrorKind::Usage, "--key is required (a public key)");
    const auto deadline = net::Deadline::after(config::commandTimeout(timeout, env));
    auto verifier = crypto::loadVerifier(config::verifyingKeySource(key, env), secrets, deadline);
    cosign::VerificationPolicy policy;
    policy.keys = {verifier.get()};
    policy.annotations = cosign::parseAnnotations(annotations);

    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(deadline);
    auto found = digestToVerify(*client, ref, "verify");
    if (!found) return exit_code::kImageNotFound;
    const std::string& digest = *found;
    cosign::SignatureStore store(*client);
    auto layers =
        store.readLayers(storeSettings.attachmentsFor(ref.repository),
                         cosign::attachmentTag(digest, cosign::AttachmentKind::Signature));
    if (layers.empty()) {
        std::cerr << "signet verify: no signatures found for " << ref.name() << "\n";
        return exit_code::kNoSignatures;
    }
    std::vector<cosign::SignatureCandidate> candidates;
    for (const auto& layer : layers) {
        candidates.push_back(
            {layer.descriptor.mediaType, layer.payload, layer.descriptor.annotations});
    }
    auto outcome = cosign::verifySignatures(digest, candidates, policy);
    if (outcome.accepted.empty()) {
        std::cerr << "signet verify: no matching signatures: " << joined(outcome.rejections)
                  << "\n";
        return exit_code::kNoMatchingSignature;
    }
    printVerificationHeader(std::cerr, ref, !policy.annotations.empty());
    if (output == "text") {
        for (const auto& payload : outcome.accepted) {
            std::cout << cosign::remarshalForOutput(payload) << "\n";
        }
    } else {
        std::string array;
        for (const auto& payload : outcome.accepted) {
            if (!array.empty()) array += ',';
            array += cosign::remarshalForOutput(payload);
        }
        std::cout << "\n[" << array << "]\n";
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
