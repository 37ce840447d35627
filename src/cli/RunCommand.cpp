// `signet run`: the CI entrypoint. Task YAML + environment + flags → jobs → signatures → report
// and CI outputs. Never reads stdin, never prompts.
#include <chrono>
#include <future>
#include <iostream>
#include <memory>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/SigningKey.h"
#include "config/KeySourceFromEnvironment.h"
#include "config/OutputsFromEnvironment.h"
#include "config/RegistryFromEnvironment.h"
#include "config/RequestedReferences.h"
#include "config/RunFlags.h"
#include "config/SigstoreSetup.h"
#include "config/SourceDateEpoch.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "config/TaskSpecLoader.h"
#include "cosign/AttachmentTag.h"
#include "cosign/SignatureStore.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "error/ExitStatus.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/HttpRegistryClient.h"
#include "oci/RegistryOptions.h"
#include "pipeline/BatchRunner.h"
#include "pipeline/DigestLookahead.h"
#include "pipeline/JobPlanner.h"
#include "pipeline/OutputPublisher.h"
#include "pipeline/SbomPublisher.h"

namespace signet::cli {
namespace {

using config::TaskSpec;
using pipeline::RefFailure;
using pipeline::RefResult;
using pipeline::Report;

cosign::SignOptions signOptions(const TaskSpec& spec) {
    cosign::SignOptions options;
    options.identity = spec.identity;
    options.annotations = spec.annotations;
    options.allowTagOnly = spec.allowTagOnly;
    options.verifyTags = spec.verifyTags;
    return options;
}

// Every requested reference, failed with the reason nothing was attempted.
std::vector<RefResult> notAttempted(const std::vector<std::string>& refs, const Error& error) {
    std::vector<RefResult> results;
    for (const auto& ref : refs) {
        RefResult result;
        result.ref = ref;
        result.failure = RefFailure{error.kind(), std::string("not attempted: ") + error.what()};
        results.push_back(std::move(result));
    }
    return results;
}

// Log lines are diagnostics (stderr); GitHub workflow commands go to stdout for the runner.
struct RunContext {
    const Environment& env;
    secret::SecretScrubber& scrubber;
    pipeline::Logger logger;
    Report report;

    RunContext(const Environment& e, secret::SecretScrubber& secrets)
        : env(e),
          scrubber(secrets),
          logger(std::cout, std::cerr, config::logFormatFromEnvironment(e), secrets) {
        report.toolVersion = SIGNET_VERSION;
        report.signatureFormat = std::string(cosign::toString(cosign::SignatureFormat::Legacy));
    }
};

// Writes the report and CI outputs; returns `code` unless publishing itself failed.
int finish(RunContext& run, const TaskSpec& spec, int code) {
    auto sinks = pipeline::makeOutputSinks(spec.outputs, run.scrubber);
    pipeline::publishOutputs(run.report, spec.outputs.report, sinks, run.scrubber);
    run.logger.summary(run.report);
    return code;
}

int stopEarly(RunContext& run, const TaskSpec& spec, const std::vector<std::string>& refs,
              const Error& error) {
    run.logger.info(std::string("signet run: ") + error.what());
    run.report.runError = RefFailure{error.kind(), error.what()};
    run.report.results = notAttempted(refs, error);
    for (const auto& result : run.report.results) run.logger.refResult(result);
    // Nothing was attempted: a bad setting or key is a usage error, but an API server that did
    // not answer a k8s:// key's fetch (or refused the token) is unavailability (or auth).
    int code = exitCodeFor(error.kind());
    return finish(run, spec, code == exit_code::kSomeFailed ? exit_code::kUsage : code);
}

int signAll(RunContext& run, const TaskSpec& spec) {
    std::vector<std::string> refs;
    std::vector<pipeline::SigningJob> jobs;
    cosign::StoreSettings storeSettings;
    std::optional<std::time_t> sourceDateEpoch;
    try {
        storeSettings = config::storeSettingsFromEnvironment(run.env);
        if (spec.sbom.mode == config::SbomMode::Generate)
            sourceDateEpoch = config::sourceDateEpoch(run.env);
        refs = config::requestedReferences(spec);
        jobs = pipeline::planJobs(config::parseRequested(refs));
        // A tag without a digest is bad input (exit 1) when tags are not allowed, refused before
        // anything is signed, as `signet sign` does.
        for (const auto& job : jobs) {
            if (!spec.allowTagOnly && !job.reference.hasDigest())
                throw cosign::tagOnlyRefused(job.reference);
        }
    } catch (const Error& e) {
        return stopEarly(run, spec, refs, e);
    }
    // The key decrypts (scrypt: about a quarter of a second) while the registry answers the
    // batch's tag checks; a key that does not load still stops the run before any write.
    // Keyless: no key loads; the ephemeral key's certificate is asked for after the services
    // are connected.
    const crypto::KeySource keySource = config::keySourceFor(spec, run.env);
    const sigstore::IdentityTokenSources tokens =
        config::identityTokenSources(spec.sigstore, run.env);
    bool keyless = false;
    try {
        keyless = config::keylessChosen(spec.sigstore, tokens,
                                        !keySource.ref.empty() || !keySource.keyDir.empty());
    } catch (const Error& e) {
        return stopEarly(run, spec, refs, e);
    }
    auto loading = std::async(std::launch::async, [&]() -> std::unique_ptr<crypto::Signer> {
        if (keyless) return nullptr;
        return crypto::loadSigner(keySource, run.scrubber,
                                  net::Deadline::after(spec.registry.timeout));
    });
    std::unique_ptr<sigstore::SigstoreServices> services;
    try {
        const sigstore::ServiceUrls urls =
            config::serviceUrls(spec.sigstore, std::time(nullptr), keyless);
        if (keyless && !urls.any()) throw config::keylessUnwitnessed();
        if (urls.any()) {
            if (spec.signatureFormat == config::SignatureFormat::Legacy &&
                spec.sbom.mode != config::SbomMode::Off &&
                spec.sbom.attach != config::SbomAttach::Attach)
                throw config::legacyAttestationRefused();
            services = std::make_unique<sigstore::SigstoreServices>(
                urls, config::registryOptionsFor(spec, run.env),
                config::trustedRootOf(spec.sigstore), keyless ? tokens.githubRequestUrl : "");
            services->setRetryHook([&run](const std::string& line) { run.logger.info(line); });
        }
    } catch (const Error& e) {
        return stopEarly(run, spec, refs, e);
    }
    std::unique_ptr<oci::HttpRegistryClient> registry;
    try {
        registry = std::make_unique<oci::HttpRegistryClient>(
            config::registryOptionsFor(spec, run.env),
            std::make_shared<oci::DockerConfigKeychain>(
                config::keychainSettingsFromEnvironment(run.env), run.scrubber),
            run.scrubber);
    } catch (const Error& e) {
        try {
            loading.get();  // a key that does not load is said first, as before
        } catch (const Error& keyError) {
            return stopEarly(run, spec, refs, keyError);
        }
        return stopEarly(run, spec, refs, e);
    }
    oci::HttpRegistryClient& client = *registry;
    client.setRetryHook([&run](const std::string& line) { run.logger.info(line); });
    pipeline::BatchOptions options{signOptions(spec), spec.recursive, spec.registry.concurrency,
                                   spec.registry.timeout, spec.signatureFormat};
    pipeline::lookAheadDigests(client, jobs, options, [&loading] {
        return loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    });
    std::unique_ptr<crypto::Signer> signer;
    try {
        signer = loading.get();
        if (keyless) {
            auto certified = services->certify(tokens, run.scrubber,
                                               net::Deadline::after(spec.registry.timeout));
            run.logger.info("signet: " + keylessDescription(certified->identity()));
            run.report.keyless = pipeline::KeylessSigner{certified->identity().subject(),
                                                         certified->identity().issuer};
            signer = std::move(certified);
        }
    } catch (const Error& e) {
        return stopEarly(run, spec, refs, e);
    }
    cosign::SignatureStore store(client, storeSettings);
    pipeline::BatchRunner runner(client, store, *signer, run.logger, services.get());
    run.logger.beginGroup("signet: signing " + std::to_string(jobs.size()) + " reference(s)");
    run.report.results = runner.run(jobs, options);
    run.logger.endGroup();
    if (spec.sbom.mode != config::SbomMode::Off) {
        run.logger.beginGroup("signet: SBOMs");
        pipeline::SbomPublisher sboms(client, store, *signer, sourceDateEpoch, run.logger,
                                      spec.registry.timeout, spec.signatureFormat, services.get());
        sboms.publish(spec.sbom, run.report.results, run.report);
        run.logger.endGroup();
    }

    std::vector<std::optional<ErrorKind>> outcomes;
    for (const auto& result : run.report.results) {
        outcomes.push_back(result.ok() ? std::nullopt
                                       : std::optional<ErrorKind>(result.failure->kind));
    }
    return finish(run, spec, batchExitCode(outcomes, spec.failOn));
}

}  // namespace

int runRun(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    config::RunFlags flags = config::parseRunFlags(args);
    RunContext run(env, secrets);
    TaskSpec spec;
    try {
        spec = config::loadTaskSpec(flags, env);
    } catch (const Error& e) {
        // Without a valid spec, the report goes where the environment says (or the default).
        spec = TaskSpec{};
        if (auto report = env.get("SIGNET_REPORT"); report && !report->empty()) {
            spec.outputs.report = *report;
        }
        if (auto dir = env.get("SIGNET_RESULTS_DIR"); dir && !dir->empty()) {
            spec.outputs.resultsDir = *dir;
        }
        return stopEarly(run, spec, {}, e);
    }
    for (const auto& secret : config::secretValues(spec)) run.logger.registerSecret(secret);
    run.report.signatureFormat = std::string(config::toString(spec.signatureFormat));
    return signAll(run, spec);
}

}  // namespace signet::cli
