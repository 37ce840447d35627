// `signet tree`: cosign tree's listing of what is attached to an image.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/AttachmentTree.h"
#include "cosign/ImageSigner.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

const char* heading(cosign::AttachmentKind kind) {
    switch (kind) {
        case cosign::AttachmentKind::Signature:
            return "🔐 Signatures for an image tag: ";
        case cosign::AttachmentKind::Attestation:
            return "💾 Attestations for an image tag: ";
        case cosign::AttachmentKind::Sbom:
            return "📦 SBOMs for an image tag: ";
    }
    return "";
}

void printLayers(const std::vector<std::string>& layers) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::cout << (i + 1 == layers.size() ? "   └──" : "   ├──") << " 🍒 " << layers[i] << "\n";
    }
}

}  // namespace

int runTree(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    RegistryFlags registryFlags;
    std::string timeout;
    bool experimentalOci11 = false;  // referrers are always listed; cosign lists them only so
    ArgumentParser parser("tree", "REF");
    registryFlags.addTo(parser);
    parser.flag("--experimental-oci11", &experimentalOci11,
                "accepted for cosign: OCI 1.1 referrers are always listed");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    const std::string text = parser.parseOne(args);
    const oci::Reference ref = oci::Reference::parse(text);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(net::Deadline::after(config::commandTimeout(timeout, env)));
    std::cout << "📦 Supply Chain Security Related artifacts for an image: " << text << "\n";
    const std::string digest = cosign::resolveDigest(*client, ref, lookupOnly());
    const auto tree = cosign::readAttachmentTree(*client, storeSettings, ref.repository, digest);
    if (tree.empty()) {
        // cosign's words, with the line break it lacks before the command.
        std::cout << "No Supply Chain Security Related Artifacts found for image " << text
                  << ",\n start creating one with simply running\n $ signet sign <img>\n";
        return exit_code::kOk;
    }
    for (const auto& tag : tree.tags) {
        std::cout << "└── " << heading(tag.kind) << tag.location << "\n";
        printLayers(tag.layers);
    }
    for (const auto& referrer : tree.referrers) {
        std::cout << "└── 🔗 " << referrer.shownType()
                  << " artifacts via OCI referrer: " << referrer.location << "\n";
        printLayers(referrer.layers);
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
