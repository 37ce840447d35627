// `signet clean`: cosign clean without its prompt — removes an image's signatures,
// attestations, SBOMs and Sigstore bundle referrers once --force confirms it.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/AttachmentCleaner.h"
#include "cosign/ImageSigner.h"
#include "error/Error.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

struct CleanTypeWord {
    const char* word;
    cosign::CleanType type;
    const char* removes;  // cosign's prompt, which signet turns into the --force hint
};

const CleanTypeWord kCleanTypes[] = {
    {"signature", cosign::CleanType::Signature, "all signatures"},
    {"attestation", cosign::CleanType::Attestation, "all attestations"},
    {"sbom", cosign::CleanType::Sbom, "all SBOMs"},
    {"referrer", cosign::CleanType::Referrer, "all referrer attestations and/or signatures"},
    {"all", cosign::CleanType::All, "all signatures, SBOMs and attestations"},
};

const CleanTypeWord& cleanTypeFor(const std::string& word) {
    for (const auto& entry : kCleanTypes) {
        if (word == entry.word) return entry;
    }
    throw Error(ErrorKind::Usage,
                "--type must be one of \"signature\", \"attestation\", "
                "\"referrer\", \"sbom\", or \"all\", got '" +
                    word + "'");
}

}  // namespace

int runClean(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    RegistryFlags registryFlags;
    std::string type = "all", timeout;
    bool force = false;
    ArgumentParser parser("clean", "REF");
    registryFlags.addTo(parser);
    parser.option("--type", &type,
                  "what to remove: signature, attestation, referrer, sbom or all (default all)");
    parser.flag("--force,-f", &force, "confirm the removal (signet never prompts)");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    const std::string text = parser.parseOne(args);
    const CleanTypeWord& what = cleanTypeFor(type);
    if (!force) {
        throw Error(ErrorKind::Usage, std::string("this will remove ") + what.removes +
                                          " from the image; pass --force to confirm (signet "
                                          "never prompts)");
    }
    const oci::Reference ref = oci::Reference::parse(text);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(net::Deadline::after(config::commandTimeout(timeout, env)));
    const std::string digest = cosign::resolveDigest(*client, ref, lookupOnly());
    const auto report =
        cosign::cleanAttachments(*client, storeSettings, ref.repository, digest, what.type);
    for (const auto& location : report.removed) {
        std::cerr << "Removed " << location << " from " << text << "\n";
    }
    if (report.referrersLeft) {
        std::cerr << "WARNING: image has referrers, consider using --type referrer\n";
    }
    for (const auto& failure : report.failed) {
        std::cerr << "signet clean: could not delete " << failure.location << " from " << text
                  << ": " << failure.error.what() << "\n";
    }
    if (!report.failed.empty()) return exitCodeFor(report.failed.front().error.kind());
    if (report.removed.empty()) std::cerr << "Nothing to remove from " << text << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
