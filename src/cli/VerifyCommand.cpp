// `signet verify` and the verification it shares with `dockerfile verify` (ImageVerification.h):
// cosign verify's checks, stderr header, stdout JSON and exit codes (10/11/12).
#include <iostream>

#include "cli/Commands.h"
#include "cli/ImageVerification.h"
#include "cli/RegistryAccess.h"
#include "cli/VerificationHeader.h"
#include "config/CommandTimeout.h"
#include "config/KeySourceFromEnvironment.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/Annotations.h"
#include "cosign/AttachmentTag.h"
#include "cosign/BundleReferrers.h"
#include "cosign/BundleVerification.h"
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

// Prints the accepted payloads as cosign does: one per line (text), or a JSON array.
void printAccepted(const std::vector<std::string>& payloads, const std::string& output) {
    if (output == "text") {
        for (const auto& payload : payloads) std::cout << payload << "\n";
        return;
    }
    std::string array;
    for (const auto& payload : payloads) {
        if (!array.empty()) array += ',';
        array += payload;
    }
    std::cout << "\n[" << array << "]\n";
}

// cosign v3: when the digest has Sigstore bundle referrers, they alone are verified.
int verifyBundles(const std::string& command, const oci::Reference& ref, const std::string& digest,
                  const cosign::BundleLookup& lookup, const cosign::VerificationPolicy& policy,
                  const std::string& output) {
    auto outcome = cosign::verifyBundles(digest, lookup.bundles, policy);
    if (outcome.statements.empty()) {
        std::cerr << "signet " << command << ": no matching signatures among the "
                  << lookup.bundles.size() << " Sigstore bundle(s) (the .sig tag is not read "
                  << "once bundles exist, as cosign v3 does): " << joined(outcome.rejections)
                  << "\n";
        return exit_code::kNoMatchingSignature;
    }
    printVerificationHeader(std::cerr, ref, !policy.annotations.empty(),
                            policy.witnesses.requireTlog);
    std::vector<std::string> payloads;
    for (const auto& statement : outcome.statements)
        payloads.push_back(cosign::verificationOutput(statement, ref.name(), digest));
    printAccepted(payloads, output);
    return exit_code::kOk;
}

// One image: its digest, its bundles or else its .sig layers, the policy's checks, and
// cosign's output.
int verifyImage(const std::string& command, const oci::Reference& ref, oci::RegistryClient& client,
                const cosign::StoreSettings& storeSettings,
                const cosign::VerificationPolicy& policy, const std::string& output,
                bool bundlesOnly) {
    auto found = digestToVerify(client, ref, command);
    if (!found) return exit_code::kImageNotFound;
    const std::string& digest = *found;
    const cosign::BundleLookup bundles = cosign::findBundles(client, ref.repository, digest);
    for (const auto& problem : bundles.problems)
        std::cerr << "signet " << command << ": skipping referrer " << problem << "\n";
    if (!bundles.bundles.empty())
        return verifyBundles(command, ref, digest, bundles, policy, output);
    if (bundlesOnly) {
        std::cerr << "signet " << command << ": no Sigstore bundles found for " << ref.name()
                  << " (--new-bundle-format=true does not read the .sig tag)\n";
        return exit_code::kNoSignatures;
    }
    cosign::SignatureStore store(client);
    auto layers =
        store.readLayers(storeSettings.attachmentsFor(ref.repository),
                         cosign::attachmentTag(digest, cosign::AttachmentKind::Signature));
    if (layers.empty()) {
        std::cerr << "signet " << command << ": no signatures found for " << ref.name() << "\n";
        return exit_code::kNoSignatures;
    }
    std::vector<cosign::SignatureCandidate> candidates;
    for (const auto& layer : layers) {
        candidates.push_back(
            {layer.descriptor.mediaType, layer.payload, layer.descriptor.annotations});
    }
    auto outcome = cosign::verifySignatures(digest, candidates, policy);
    if (outcome.accepted.empty()) {
        std::cerr << "signet " << command
                  << ": no matching signatures: " << joined(outcome.rejections) << "\n";
        return exit_code::kNoMatchingSignature;
    }
    printVerificationHeader(std::cerr, ref, !policy.annotations.empty(),
                            policy.witnesses.requireTlog);
    std::vector<std::string> payloads;
    for (const auto& payload : outcome.accepted)
        payloads.push_back(cosign::remarshalForOutput(payload));
    printAccepted(payloads, output);
    return exit_code::kOk;
}

}  // namespace

void VerifyFlags::addTo(ArgumentParser& parser) {
    registry.addTo(parser);
    verifying.addTo(parser);
    certificate.addTo(parser);
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.option("--key", &key, "public key: path, env://VAR, key directory, k8s://ns/name");
    parser.csvList("--annotations,-a", &annotations, "key=value the payload must carry");
    parser.option("--output,-o", &output, "json (default) or text");
}

int verifyImages(const std::string& command, const std::vector<std::string>& images,
                 const VerifyFlags& flags, const Environment& env,
                 secret::SecretScrubber& secrets) {
    flags.verifying.check();
    if (flags.output != "json" && flags.output != "text") {
        throw Error(ErrorKind::Usage, "--output must be json or text");
    }
    std::vector<oci::Reference> refs;
    for (const auto& text : images) refs.push_back(oci::Reference::parse(text));
    if (flags.key.empty() && !flags.certificate.given())
        throw Error(ErrorKind::Usage,
                    "--key (a public key) or, for keyless signatures, --certificate-identity and "
                    "--certificate-oidc-issuer is required");
    const auto deadline = net::Deadline::after(config::commandTimeout(flags.timeout, env));
    const auto root = flags.verifying.loadRoot(env);
    cosign::VerificationPolicy policy;
    policy.keyless = flags.certificate.policy(root ? &*root : nullptr);
    std::unique_ptr<crypto::Verifier> verifier;
    if (!flags.key.empty()) {
        verifier =
            crypto::loadVerifier(config::verifyingKeySource(flags.key, env), secrets, deadline);
        policy.keys = {verifier.get()};
    }
    policy.witnesses = flags.verifying.policy(root ? &*root : nullptr);
    policy.annotations = cosign::parseAnnotations(flags.annotations);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, flags.registry, refs);
    for (const auto& ref : refs) {
        auto client = registry->within(deadline);
        const int code = verifyImage(command, ref, *client, storeSettings, policy, flags.output,
                                     flags.verifying.bundlesOnly);
        if (code != exit_code::kOk) return code;
    }
    return exit_code::kOk;
}

int runVerify(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    VerifyFlags flags;
    ArgumentParser parser("verify", "REF...");
    flags.addTo(parser);
    const auto images = parser.parse(args);
    if (images.empty()) throw Error(ErrorKind::Usage, "verify needs at least one image reference");
    return verifyImages("verify", images, flags, env, secrets);
}

}  // namespace signet::cli
