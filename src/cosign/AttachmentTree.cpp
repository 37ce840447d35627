#include "cosign/AttachmentTree.h"

#include <optional>

#include "cosign/BundleReferrers.h"
#include "json/GoJson.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {
namespace {

// The annotation cosign reads a Sigstore bundle referrer's predicate type from.
constexpr const char* kBundlePredicateType = "dev.sigstore.bundle.predicateType";

std::vector<std::string> layerDigests(const oci::ImageManifest& manifest) {
    std::vector<std::string> digests;
    for (const auto& layer : manifest.layers) digests.push_back(layer.digest);
    return digests;
}

}  // namespace

void readReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                   const std::string& digest, AttachmentTree& tree) {
    // The referrers API, else the OCI 1.1 tag schema go-containerregistry falls back to.
    ReferrerListing listing = listReferrers(client, repo, digest);
    if (!listing.api) tree.referrersTagIndex = listing.index;
    const auto& index = listing.index;
    if (!index) return;
    auto& referrers = tree.referrers;
    const auto parsed = json::parse(*index, "referrers of " + repo.name() + "@" + digest);
    if (!parsed.contains("manifests") || !parsed["manifests"].is_array()) return;
    for (const auto& entry : parsed["manifests"]) {
        const std::string type = entry.value("artifactType", "");
        const std::string entryDigest = entry.value("digest", "");
        if (type.empty() || entryDigest.empty()) continue;
        const auto manifest = client.getManifest(repo, entryDigest);
        if (!manifest) continue;
        const auto image = oci::parseManifest(manifest->body, "referrer " + entryDigest);
        auto annotation = image.annotations.find(kBundlePredicateType);
        referrers.push_back({type, annotation != image.annotations.end() ? annotation->second : "",
                             entryDigest, repo.name() + "@" + entryDigest, layerDigests(image)});
    }
}

AttachmentTree readAttachmentTree(oci::RegistryClient& client, const StoreSettings& settings,
                                  const oci::Repository& repo, const std::string& digest) {
    AttachmentTree tree;
    const oci::Repository target = settings.attachmentsFor(repo);
    for (auto kind :
         {AttachmentKind::Signature, AttachmentKind::Attestation, AttachmentKind::Sbom}) {
        const std::string tag = attachmentTag(digest, kind);
        const auto manifest = client.getManifest(target, tag);
        if (!manifest) continue;
        auto layers = layerDigests(oci::parseManifest(manifest->body, tag));
        if (!layers.empty()) tree.tags.push_back({kind, attachmentLocation(target, tag), layers});
    }
    readReferrers(client, repo, digest, tree);
    return tree;
}

}  // namespace signet::cosign
