// `signet attest` and `signet verify-attestation`: cosign's DSSE attestations in the .att tag.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "cli/SbomTypeFlag.h"
#include "cli/SigningKey.h"
#include "cli/SigstoreFlags.h"
#include "cli/TagFlags.h"
#include "cli/VerificationHeader.h"
#include "config/CommandTimeout.h"
#include "config/KeySourceFromEnvironment.h"
#include "config/SigstoreSetup.h"
#include "config/SourceDateEpoch.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/AttachmentTag.h"
#include "cosign/Attestor.h"
#include "cosign/BundleReferrers.h"
#include "cosign/BundleVerification.h"
#include "cosign/InTotoStatement.h"
#include "cosign/SigstoreBundle.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "net/Deadline.h"
#include "oci/MediaTypes.h"

namespace signet::cli {
namespace {

std::string readPredicate(const std::string& path) {
    return io::readFileContents(path, 128u << 20, ErrorKind::Usage, "predicate file");
}

// A custom predicate's Timestamp: SOURCE_DATE_EPOCH when set (a reproducible statement), else
// now as cosign.
std::time_t predicateTime(const Environment& env) {
    return config::sourceDateEpoch(env).value_or(std::time(nullptr));
}

}  // namespace

int runAttest(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, predicatePath, type = "custom";
    ArgumentParser parser("attest", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    SigningFlags signingFlags;
    signingFlags.addTo(parser);
    std::string timeout;
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    TagFlags tagFlags;
    tagFlags.addTo(parser);
    parser.option("--key", &key, "private key (default SIGNET_KEY, COSIGN_KEY, SIGNET_KEY_DIR)");
    parser.option("--predicate", &predicatePath, "the predicate file (e.g. an SPDX JSON SBOM)");
    parser.option("--type", &type,
                  "spdxjson, spdx, cyclonedx, slsaprovenance, …, custom, or a URI; or "
                  "spdx-json, spdx-tag, cyclonedx-json");
    std::string text = parser.parseOne(args);
    const cosign::SignatureFormat format = signingFlags.check();
    const config::SigstoreSettings sigstoreSettings = signingFlags.settings(env);
    if (format == cosign::SignatureFormat::Legacy &&
        config::serviceUrls(sigstoreSettings, std::time(nullptr)).any())
        throw config::legacyAttestationRefused();
    if (predicatePath.empty()) throw Error(ErrorKind::Usage, "attest needs --predicate FILE");
    type = attestTypeFor(type);
    cosign::predicateTypeFor(type);
    oci::Reference ref = oci::Reference::parse(text);
    tagFlags.check(ref);
    const cosign::Predicate predicate =
        cosign::makePredicate({type, readPredicate(predicatePath), predicateTime(env)});
    const auto deadline = net::Deadline::after(config::commandTimeout(timeout, env));
    SigningSetup setup = prepareSigning(key, sigstoreSettings, env, secrets, deadline);
    auto& signer = setup.signer;
    auto& services = setup.services;
    if (setup.keyless) std::cerr << "signet attest: " << keylessDescription(*setup.keyless) << "\n";
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(deadline);
    std::string digest = cosign::resolveDigest(*client, ref, tagFlags.resolving());
    cosign::SignatureStore store(*client, storeSettings);
    auto attestation =
        format == cosign::SignatureFormat::Bundle
            ? cosign::attestBundle(*client, store, *signer, ref.repository, digest, predicate,
                                   services ? services->within(deadline) : sigstore::Witnesses{})
            : cosign::attest(store, *signer, ref.repository, digest, predicate);
    if (attestation.logIndex) {
        std::cerr << "signet attest: logged in " << services->urls().rekor << " at index "
                  << *attestation.logIndex << "\n";
    }
    std::cout << text << " " << digest << " " << attestation.location << "\n";
    return exit_code::kOk;
}

int runVerifyAttestation(const Arguments& args, const Environment& env,
                         secret::SecretScrubber& secrets) {
    std::string key, type = "custom";
    ArgumentParser parser("verify-attestation", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    VerifyingFlags verifyingFlags;
    verifyingFlags.addTo(parser);
    std::string timeout;
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.option("--key", &key, "public key: path, env://VAR, key directory, k8s://ns/name");
    parser.option("--type", &type, "the predicate type to accept (cosign words or a URI)");
    std::string text = parser.parseOne(args);
    verifyingFlags.check();
    if (key.empty()) throw Error(ErrorKind::Usage, "--key is required (a public key)");
    type = attestTypeFor(type);
    cosign::predicateTypeFor(type);
    oci::Reference ref = oci::Reference::parse(text);
    const auto deadline = net::Deadline::after(config::commandTimeout(timeout, env));
    auto verifier = crypto::loadVerifier(config::verifyingKeySource(key, env), secrets, deadline);
    const auto root = verifyingFlags.loadRoot(env);
    const cosign::WitnessPolicy witnesses = verifyingFlags.policy(root ? &*root : nullptr);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(deadline);
    auto found = digestToVerify(*client, ref, "verify-attestation");
    if (!found) return exit_code::kImageNotFound;
    const std::string& digest = *found;
    // cosign v3: the Sigstore bundle referrers when there are any, else the .att tag.
    std::vector<cosign::StoredLayer> layers;
    const cosign::BundleLookup bundles = cosign::findBundles(*client, ref.repository, digest);
    for (const auto& found : bundles.bundles) {
        oci::Descriptor descriptor;
        descriptor.mediaType = oci::media_type::kDsseEnvelope;
        const std::string problem =
            cosign::bundleWitnessProblem(found.bundle, *verifier, witnesses);
        if (!problem.empty()) {
            std::cerr << "signet verify-attestation: skipping " << found.location << ": " << problem
                      << "\n";
            continue;
        }
        try {
            layers.push_back({descriptor, cosign::bundleEnvelope(found.bundle, found.location)});
        } catch (const Error& e) {
            std::cerr << "signet verify-attestation: skipping " << e.what() << "\n";
        }
    }
    if (bundles.bundles.empty() && verifyingFlags.bundlesOnly) {
        std::cerr << "signet verify-attestation: no Sigstore bundles found for " << ref.name()
                  << " (--new-bundle-format=true does not read the .att tag)\n";
        return exit_code::kNoSignatures;
    }
    if (bundles.bundles.empty()) {
        if (witnesses.requireTlog || witnesses.requireTimestamp) {
            std::cerr << "signet verify-attestation: " << ref.name()
                      << " has only legacy .att attestations, whose log entries (Rekor intoto) "
                         "and timestamps signet does not check: verify them with "
                         "--insecure-ignore-tlog, or attest with --signature-format bundle\n";
            return exit_code::kNoMatchingSignature;
        }
        cosign::SignatureStore store(*client);
        layers =
            store.readLayers(storeSettings.attachmentsFor(ref.repository),
                             cosign::attachmentTag(digest, cosign::AttachmentKind::Attestation));
    }
    if (layers.empty()) {
        std::cerr << "signet verify-attestation: no attestations found for " << ref.name() << "\n";
        return exit_code::kNoSignatures;
    }
    auto check = cosign::verifyAttestations(layers, *verifier, digest, type);
    if (check.accepted.empty()) {
        std::string found;
        for (const auto& t : check.foundTypes) {
            if (!found.empty()) found += ", ";
            found += t;
        }
        std::cerr << "signet verify-attestation: none of the attestations matched the predicate "
                     "type: "
                  << cosign::predicateTypeFor(type) << ", found: [" << found << "]\n";
        return exit_code::kNoMatchingSignature;
    }
    printVerificationHeader(std::cerr, ref, false, witnesses.requireTlog);
    for (const auto& accepted : check.accepted) std::cout << accepted.envelope << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
