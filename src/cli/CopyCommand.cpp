// `signet copy SRC DST`: cosign copy — the image (every platform of an index, or --platform's)
// and its signatures, attestations and SBOMs, to another repository or registry.
#include <algorithm>
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/ImageSigner.h"
#include "cosign/SignedImageCopy.h"
#include "error/Error.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

// --only's words, in the order cosign copies them (sig, sbom, att).
std::vector<cosign::AttachmentKind> onlyKinds(const std::vector<std::string>& words) {
    const std::pair<const char*, cosign::AttachmentKind> known[] = {
        {"sig", cosign::AttachmentKind::Signature},
        {"sbom", cosign::AttachmentKind::Sbom},
        {"att", cosign::AttachmentKind::Attestation}};
    for (const auto& word : words) {
        bool valid = false;
        for (const auto& [name, kind] : known) valid = valid || word == name;
        if (!valid) {
            throw Error(ErrorKind::Usage, "invalid value for --only: " + word +
                                              ", only the following values are supported: "
                                              "[sig sbom att]");
        }
    }
    std::vector<cosign::AttachmentKind> kinds;
    for (const auto& [name, kind] : known) {
        if (std::find(words.begin(), words.end(), name) != words.end()) kinds.push_back(kind);
    }
    return kinds;
}

}  // namespace

int runCopy(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    RegistryFlags registryFlags;
    std::vector<std::string> only;
    std::string platform, timeout;
    bool force = false, signatureOnly = false;
    ArgumentParser parser("copy", "SRC DST");
    registryFlags.addTo(parser);
    parser.csvList("--only", &only,
                   "copy only these attachments (sig,att,sbom) and leave DST's tag");
    parser.flag("--sig-only", &signatureOnly, "deprecated spelling of --only=sig");
    parser.flag("--force,-f", &force, "overwrite a destination tag that names another image");
    parser.option("--platform", &platform,
                  "os/arch[/variant]: only that image of an index, with its attachments");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    const auto positional = parser.parse(args);
    if (positional.size() != 2) {
        throw Error(ErrorKind::Usage,
                    "copy takes two references, SRC and DST: signet copy "
                    "registry/app:1@sha256:… other.registry/app:1");
    }
    if (signatureOnly) {
        std::cerr << "--sig-only is deprecated, use --only=sig instead\n";
        only.push_back("sig");
    }
    cosign::CopyOptions options;
    options.force = force;
    options.platform = platform;
    if (!only.empty()) {
        options.attachments = onlyKinds(only);
        options.attachmentsOnly = true;
    }
    const oci::Reference source = oci::Reference::parse(positional[0]);
    const oci::Reference destination = oci::Reference::parse(positional[1]);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {source, destination});
    auto client = registry->within(net::Deadline::after(config::commandTimeout(timeout, env)));
    const std::string digest = cosign::resolveDigest(*client, source, lookupOnly());
    const auto stats =
        cosign::copySignedImage(*client, storeSettings, source, digest, destination, options,
                                [](const std::string& line) { std::cerr << line << "\n"; });
    std::cerr << "Blobs: " << stats.blobsMounted << " mounted, " << stats.blobsCopied << " copied, "
              << stats.blobsPresent << " already there\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
