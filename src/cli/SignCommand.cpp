// `signet sign`: signs each tag@digest reference and prints where each signature went.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "cli/SigningKey.h"
#include "cli/SigstoreFlags.h"
#include "cli/TagFlags.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/Annotations.h"
#include "cosign/ImageSigner.h"
#include "error/Error.h"
#include "error/ExitStatus.h"
#include "net/Deadline.h"
#include "pipeline/BatchRunner.h"
#include "pipeline/JobPlanner.h"
#include "pipeline/LostRaceCheck.h"

namespace signet::cli {
int runSign(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, identity = "tag", timeout, containerIdentity;
    std::vector<std::string> annotations;
    bool recursive = false;
    TagFlags tagFlags;
    ArgumentParser parser("sign", "REF...");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    SigningFlags signingFlags;
    signingFlags.addTo(parser);
    parser.option("--key", &key,
                  "private key: path, env://VAR, k8s://ns/name (default SIGNET_KEY, "
                  "COSIGN_KEY, SIGNET_KEY_DIR)");
    parser.option("--identity", &identity, "tag: docker-reference is repo:tag; repo: cosign's");
    parser.csvList("--annotations,-a", &annotations, "key=value added to the payload");
    tagFlags.addTo(parser);
    parser.option("--sign-container-identity", &containerIdentity,
                  "the docker-reference every signature claims (cosign's flag; overrides "
                  "--identity)");
    parser.flag("--recursive,-r", &recursive,
                "for an image index, sign each of its manifests too (as cosign -r)");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.unsupported("--attachment-tag-prefix",
                       "signet writes cosign's own sha256-<hex>.sig tags; to keep signatures "
                       "apart, set COSIGN_REPOSITORY");
    parser.unsupported("--upload",
                       "signet always uploads; use cosign sign --upload=false for a local "
                       "signature");
    std::vector<std::string> refs = parser.parse(args);
    const cosign::SignatureFormat format = signingFlags.check();
    if (refs.empty())
        throw Error(ErrorKind::Usage, "no image reference given (see signet sign --help)");

    cosign::SignOptions options = tagFlags.resolving();
    options.identity = cosign::parseIdentityMode(identity, "--identity");
    options.annotations = cosign::parseAnnotations(annotations);
    if (!containerIdentity.empty()) {
        oci::Reference::parse(containerIdentity);  // a docker-reference, as cosign requires
        options.containerIdentity = containerIdentity;
    }
    std::vector<oci::Reference> parsed;
    for (const auto& ref : refs) {
        parsed.push_back(oci::Reference::parse(ref));
        // Refused before anything is signed: no batch is signed half-way over this.
        tagFlags.check(parsed.back());
    }

    const std::chrono::seconds limit = config::commandTimeout(timeout, env);
    SigningSetup setup =
        prepareSigning(key, signingFlags.settings(env), env, secrets, net::Deadline::after(limit));
    auto& signer = setup.signer;
    auto& services = setup.services;
    if (setup.keyless) std::cerr << "signet sign: " << keylessDescription(*setup.keyless) << "\n";
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, parsed);
    cosign::SignatureStore store(*registry, storeSettings);
    pipeline::LostRaceCheck check(*registry, store, {store.settings().settle, limit, 4});

    // Every reference is signed first; what each wrote is checked once, after all the writes.
    // With -r, an index's manifests follow it, as "repo@digest" entries.
    struct Outcome {
        std::string name;
        std::optional<cosign::SignedImage> signed_;
        std::optional<std::size_t> written;
        std::optional<Error> error;
    };
    std::vector<Outcome> done;
    auto record = [&](Outcome& outcome, cosign::SignedImage signed_) {
        outcome.signed_ = std::move(signed_);
        if (outcome.signed_->writes > 0)
            outcome.written = check.add(pipeline::writtenLayer(*outcome.signed_));
    };
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        const auto deadline = net::Deadline::after(limit);
        auto client = registry->within(deadline);
        cosign::SignatureStore bounded = store.through(*client);
        cosign::ImageSigner imageSigner(
            *client, bounded, *signer, format,
            services ? services->within(deadline) : sigstore::Witnesses{});
        done.push_back({refs[i], std::nullopt, std::nullopt, std::nullopt});
        try {
            record(done.back(), imageSigner.sign(parsed[i], options));
            if (!recursive) continue;
            pipeline::SigningJob job;
            job.reference = parsed[i];
            for (const auto& child :
                 pipeline::childJobs(*client, job, done.back().signed_->digest)) {
                done.push_back({child.requested, std::nullopt, std::nullopt, std::nullopt});
                record(done.back(),
                       imageSigner.signDigest(child.reference.repository, child.reference.digest,
                                              cosign::identityFor(child.reference, options),
                                              options.annotations));
            }
        } catch (const Error& e) {
            done.back().error = e;
        }
    }
    auto confirmed = check.confirm();

    std::vector<std::optional<ErrorKind>> outcomes;
    for (std::size_t i = 0; i < done.size(); ++i) {
        if (done[i].written && confirmed[*done[i].written].failure)
            done[i].error = confirmed[*done[i].written].failure;
        if (done[i].error) {
            std::cerr << secrets.scrubOutput("signet sign: " + done[i].name + ": " +
                                             done[i].error->what())
                      << "\n";
            outcomes.push_back(done[i].error->kind());
            continue;
        }
        const cosign::SignedImage& signed_ = *done[i].signed_;
        std::cout << done[i].name << " " << signed_.digest << " " << signed_.location
                  << (signed_.alreadySigned ? " (already signed)" : "") << "\n";
        for (const auto& note : signed_.notes)
            std::cerr << "signet sign: " << done[i].name << ": note: " << note << "\n";
        if (signed_.logIndex) {
            std::cerr << "signet sign: " << done[i].name << ": transparency-log index "
                      << *signed_.logIndex << (signed_.timestamped ? ", timestamped" : "") << "\n";
        }
        if (signed_.resolvedFromTag) {
            std::cerr << "signet sign: " << done[i].name << " resolved to " << signed_.digest
                      << "\n";
        }
        outcomes.push_back(std::nullopt);
    }
    return batchExitCode(outcomes, FailOn::Any);
}

}  // namespace signet::cli
