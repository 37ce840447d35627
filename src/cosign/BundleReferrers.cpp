#include "cosign/BundleReferrers.h"

#include <ctime>

#include "cosign/AttachmentTag.h"
#include "cosign/SigstoreBundle.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "json/GoJson.h"
#include "json/GoTime.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"
#include "oci/ReferrersTagIndex.h"

namespace signet::cosign {
namespace {

constexpr const char* kBundleMediaTypePrefix = "application/vnd.dev.sigstore.bundle";
constexpr const char* kBundlePredicateType = "dev.sigstore.bundle.predicateType";

bool isBundleMediaType(const std::string& mediaType) {
    return mediaType.rfind(kBundleMediaTypePrefix, 0) == 0;
}

}  // namespace

ReferrerListing listReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                              const std::string& digest) {
    ReferrerListing listing;
    listing.index = client.getReferrers(repo, digest, "");
    listing.api = listing.index.has_value();
    if (listing.api) return listing;
    auto tagged = client.getManifest(repo, digestTag(digest));
    if (tagged && tagged->mediaType == oci::media_type::kOciIndex)
        listing.index = std::move(tagged->body);
    return listing;
}

BundleLookup findBundles(oci::RegistryClient& client, const oci::Repository& repo,
                         const std::string& digest) {
    BundleLookup lookup;
    const ReferrerListing listing = listReferrers(client, repo, digest);
    lookup.api = listing.api;
    if (!listing.index) return lookup;
    const std::string what = "referrers of " + repo.name() + "@" + digest;
    for (const auto& entry : oci::ReferrersTagIndex::parse(*listing.index, what).entries()) {
        // cosign v3 asks for every referrer and keeps those whose layer is a bundle; an entry's
        // artifactType of something else (a notation signature, an SBOM) is skipped unread.
        if (!entry.artifactType.empty() && !isBundleMediaType(entry.artifactType)) continue;
        const std::string location = repo.name() + "@" + entry.digest;
        try {
            auto manifest = client.getManifest(repo, entry.digest);
            if (!manifest) continue;
            const auto image = oci::parseManifest(manifest->body, location);
            if (image.layers.size() != 1 || !isBundleMediaType(image.layers[0].mediaType)) continue;
            auto type = image.annotations.find(kBundlePredicateType);
            lookup.bundles.push_back(
                {entry.digest, location, type != image.annotations.end() ? type->second : "",
                 client.getBlob(repo, image.layers[0].digest, SignatureStore::kMaxPayloadBytes)});
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Registry && e.kind() != ErrorKind::TooLarge) throw;
            lookup.problems.push_back(location + ": " + e.what());
        }
    }
    return lookup;
}

bool listsBundles(oci::RegistryClient& client, const oci::Repository& repo,
                  const std::string& digest) {
    const ReferrerListing listing = listReferrers(client, repo, digest);
    if (!listing.index) return false;
    const std::string what = "referrers of " + repo.name() + "@" + digest;
    for (const auto& entry : oci::ReferrersTagIndex::parse(*listing.index, what).entries()) {
        if (isBundleMediaType(entry.artifactType)) return true;
    }
    return false;
}

StoredBundle storeBundle(oci::RegistryClient& client, SignatureStore& store,
                         const oci::Repository& repo, const std::string& subjectDigest,
                         const std::string& bundle, const std::string& predicateType,
                         std::optional<bool> api) {
    auto head = client.headManifest(repo, subjectDigest);
    if (!head)
        throw Error(ErrorKind::NotFound,
                    "image " + repo.name() + "@" + subjectDigest + " not found");
    oci::Descriptor subject;
    subject.mediaType = head->mediaType;
    subject.size = head->size;
    subject.digest = subjectDigest;
    if (!api) api = client.getReferrers(repo, subjectDigest, "").has_value();
    const std::string manifest = bundleReferrerManifest(bundle, subject, predicateType,
                                                        json::rfc3339Utc(std::time(nullptr)));
    client.putBlob(repo, crypto::sha256Digest("{}"), "{}");
    client.pushBlob(repo, crypto::sha256Digest(bundle), bundle);
    StoredBundle stored;
    stored.referrer.mediaType = oci::media_type::kOciManifest;
    stored.referrer.size = static_cast<std::int64_t>(manifest.size());
    stored.referrer.digest = crypto::sha256Digest(manifest);
    stored.referrer.artifactType = kBundleMediaType;
    stored.referrer.annotations = oci::parseManifest(manifest, "referrer").annotations;
    client.putManifest(repo, stored.referrer.digest, oci::media_type::kOciManifest, manifest);
    stored.location = repo.name() + "@" + stored.referrer.digest;
    if (!*api) stored.index = store.addReferrer(repo, subject.digest, stored.referrer);
    return stored;
}

}  // namespace signet::cosign
