// SignatureStore: appends layers to a digest's .sig/.att image without losing anyone's signature.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cosign/AttachmentImage.h"
#include "cosign/StoreSettings.h"
#include "crypto/Verifier.h"
#include "oci/RegistryClient.h"

namespace signet::cosign {

// A layer of an attachment image, with its bytes fetched from the registry.
struct StoredLayer {
    oci::Descriptor descriptor;
    std::string payload;
};

struct AppendResult {
    std::string location;         // "registry/repo:sha256-<hex>.sig"
    std::string manifestDigest;   // digest of the attachment manifest now at the tag
    bool alreadyPresent = false;  // an identical, verifying layer was there: nothing written
    int writes = 0;               // manifest PUTs it took
    std::chrono::milliseconds roundTrip{0};  // of the slowest of those PUTs
};

class SignatureStore {
  public:
    // cosign limits each attachment payload it downloads to 128 MiB.
    static constexpr std::size_t kMaxPayloadBytes = 128u << 20;
    // Read-modify-write rounds before giving up when the registry keeps refusing the manifest.
    static constexpr int kMaxWriteRounds = 10;
    explicit SignatureStore(oci::RegistryClient& client, StoreSettings settings = {});

    // A store over `client` (e.g. one bounded by a job's deadline) that shares this one's
    // settings and per-tag locks.
    SignatureStore through(oci::RegistryClient& client) const;
    const StoreSettings& settings() const { return settings_; }

    // The layers at repo:tag with their payloads; empty when the tag does not exist.
    std::vector<StoredLayer> readLayers(const oci::Repository& repo, const std::string& tag);

    // Appends `layer` to the image at repo:tag (creating it when absent), as cosign does. The
    // very same layer counts as already present; so, with `dedupeWith`, does a layer with the
    // same digest, media type and annotations whose signature verifies with that key (cosign's
    // duplicate detector). Writes to one tag are serialised within the process. Another process
    // can still replace the tag after the PUT (the registry API has no compare-and-swap):
    // LostRaceCheck looks again once the run's writes are done. A PUT that is slow to answer
    // watches the tag meanwhile: what other writers put there before the PUT landed (and the PUT
    // then replaced) is merged back in another write.
    AppendResult append(const oci::Repository& repo, const std::string& tag,
                        const AttachmentLayer& layer, const crypto::Verifier* dedupeWith);

    // Replaces whatever is at repo:tag with an image of exactly these layers (cosign attach sbom).
    AppendResult replace(const oci::Repository& repo, const std::string& tag,
                         const AttachmentLayer& layer);

    // True when repo:tag holds `layer`, looked up by the manifest digest `written` first (one
    // HEAD when nobody replaced the tag since).
    bool holds(const oci::Repository& repo, const std::string& tag, const AttachmentLayer& layer,
               const std::string& written);

    // Adds `referrer` (a manifest already pushed, whose subject is `subject`) to the referrers
    // tag-schema index at repo:sha256-<hex of subject> — for a registry without the referrers
    // API — with append's guarantees: serialised within the process, If-Match on the ETag the
    // registry gave, and what a slow PUT replaced merged back. A tag that holds a manifest other
    // than an index (or the subject itself, as cosign copy tags it) is refused: Error(Registry).
    AppendResult addReferrer(const oci::Repository& repo, const std::string& subject,
                             const oci::Descriptor& referrer);
    // True when that index lists `referrer` (one HEAD when it is still the manifest `written`).
    bool holdsReferrer(const oci::Repository& repo, const std::string& subject,
                       const std::string& referrer, const std::string& written);

  private:
    class TagEdit;  // one tag's read-modify-write: the .sig image, or the referrers index
    class LayerEdit;
    class ReferrerEdit;
    struct TagLocks {
        std::mutex mutex;
        std::map<std::string, std::unique_ptr<std::mutex>> byTag;
    };
    SignatureStore(oci::RegistryClient& client, StoreSettings settings,
                   std::shared_ptr<TagLocks> locks);
    std::mutex& lockFor(const std::string& key);
    // The image at repo:tag and its manifest digest (in `digest`), or nullopt.
    std::optional<AttachmentImage> fetchImage(const oci::Repository& repo, const std::string& tag,
                                              std::string* digest = nullptr);
    // Read, change, write until what the tag holds includes the edit's item.
    AppendResult update(const oci::Repository& repo, const std::string& tag, TagEdit& edit);
    // Uploads the image's blobs (asking first only when `fresh` is false) and PUTs its manifest.
    std::string write(const oci::Repository& repo, const std::string& tag,
                      const AttachmentImage& image, const AttachmentLayer& layer, bool fresh,
                      AppendResult& result, const std::string& base = {},
                      std::set<std::string>* replaced = nullptr);
    // PUTs `bytes` at repo:tag (If-Match `etag` when not empty: nullopt when refused). While
    // the PUT is unanswered, `replaced` gets the manifests other writers put at the tag (other
    // than `base`, what the edit was built on) that it may then have replaced.
    std::optional<std::string> putWatched(const oci::Repository& repo, const std::string& tag,
                                          const std::string& mediaType, const std::string& bytes,
                                          const std::string& base, const std::string& etag,
                                          AppendResult& result, std::set<std::string>* replaced);
    // The layers of the manifests `digests` (by digest: they may no longer be tagged).
    std::vector<StoredLayer> layersOf(const oci::Repository& repo,
                                      const std::set<std::string>& digests);

    oci::RegistryClient& client_;
    StoreSettings settings_;
    std::shared_ptr<TagLocks> locks_;
};

}  // namespace signet::cosign
