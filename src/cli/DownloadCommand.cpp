// `signet download signature|attestation|sbom`: cosign download's output of what is stored in an
// image's .sig, .att and .sbom tags (one JSON line per signature or attestation; the SBOM's bytes).
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "cli/SbomTypeFlag.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/AttachmentTag.h"
#include "cosign/DownloadedAttachment.h"
#include "cosign/ImageSigner.h"
#include "cosign/InTotoStatement.h"
#include "error/Error.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

// cosign exits 1 here; signet says it with verify's "no signatures" code, 10.
int nothingStored(const std::string& reason) {
    std::cerr << "signet download: " << reason << "\n";
    return exit_code::kNoSignatures;
}

}  // namespace

int runDownload(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    RegistryFlags registryFlags;
    std::string timeout, predicateType;
    ArgumentParser parser("download signature|attestation|sbom", "REF");
    registryFlags.addTo(parser);
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.option("--predicate-type", &predicateType,
                  "attestation: only statements of this type (cosign words or a URI)");
    parser.unsupported("--platform", "name the platform's manifest by its digest instead");
    const std::string what = args.empty() ? "" : args[0];
    if (what != "signature" && what != "attestation" && what != "sbom") {
        parser.parse(args);  // `download --help` is help too
        throw Error(ErrorKind::Usage,
                    "download takes signature, attestation or sbom first: signet download "
                    "signature REF");
    }
    const std::string text = parser.parseOne(Arguments(args.begin() + 1, args.end()));
    if (!predicateType.empty() && what != "attestation") {
        throw Error(ErrorKind::Usage, "--predicate-type is for download attestation");
    }
    const std::string wanted =
        predicateType.empty() ? "" : cosign::predicateTypeFor(attestTypeFor(predicateType));
    const oci::Reference ref = oci::Reference::parse(text);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(net::Deadline::after(config::commandTimeout(timeout, env)));
    const std::string digest = cosign::resolveDigest(*client, ref, lookupOnly());
    const auto kind = what == "signature"     ? cosign::AttachmentKind::Signature
                      : what == "attestation" ? cosign::AttachmentKind::Attestation
                                              : cosign::AttachmentKind::Sbom;
    cosign::SignatureStore store(*client);
    const auto layers = store.readLayers(storeSettings.attachmentsFor(ref.repository),
                                         cosign::attachmentTag(digest, kind));
    if (kind == cosign::AttachmentKind::Signature) {
        if (layers.empty()) return nothingStored(text + ": no signatures associated");
        for (const auto& layer : layers) std::cout << cosign::signedPayloadJson(layer) << "\n";
        return exit_code::kOk;
    }
    if (kind == cosign::AttachmentKind::Sbom) {
        if (layers.empty()) return nothingStored("no sbom attached to " + text);
        std::cerr << "Found SBOM of media type: " << layers[0].descriptor.mediaType << "\n";
        std::cout << layers[0].payload;
        return exit_code::kOk;
    }
    bool found = false;
    for (const auto& layer : layers) {
        if (!wanted.empty() && cosign::attestationPredicateType(layer) != wanted) continue;
        std::cout << cosign::attestationPayloadJson(layer) << "\n";
        found = true;
    }
    if (!wanted.empty() && !found) {
        return nothingStored("no attestations with predicate type '" + wanted + "' found");
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
