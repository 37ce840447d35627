#include "cosign/SignatureStore.h"

#include <future>

#include "cosign/AttachmentTag.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/MediaTypes.h"
#include "oci/ReferrersTagIndex.h"

namespace signet::cosign {
namespace {

const char* kSignatureAnnotation = "dev.cosignproject.cosign/signature";

bool sameLayer(const oci::Descriptor& existing, const AttachmentLayer& layer,
               const std::string& digest) {
    return existing.digest == digest && existing.mediaType == layer.mediaType &&
           existing.annotations == layer.annotations;
}

bool contains(const AttachmentImage& image, const AttachmentLayer& layer,
              const std::string& digest) {
    for (const auto& existing : image.manifest().layers) {
        if (sameLayer(existing, layer, digest)) return true;
    }
    return false;
}

// cosign's duplicate detector (pkg/cosign/remote/remote.go): same digest and media type, every
// annotation but the signature equal, and the existing signature verifies over the new payload.
bool isDuplicate(const oci::Descriptor& existing, const AttachmentLayer& layer,
                 const std::string& digest, const crypto::Verifier& verifier) {
    if (existing.digest != digest || existing.mediaType != layer.mediaType) return false;
    for (const auto& [key, value] : layer.annotations) {
        if (key == kSignatureAnnotation) continue;
        auto it = existing.annotations.find(key);
        if (it == existing.annotations.end() || it->second != value) return false;
    }
    auto signature = existing.annotations.find(kSignatureAnnotation);
    if (signature == existing.annotations.end() || signature->second.empty()) return false;
    auto bytes = crypto::base64Decode(signature->second);
    return bytes && verifier.verify(layer.payload, *bytes);
}

}  // namespace

SignatureStore::SignatureStore(oci::RegistryClient& client, StoreSettings settings)
    : SignatureStore(client, settings, std::make_shared<TagLocks>()) {}

SignatureStore::SignatureStore(oci::RegistryClient& client, StoreSettings settings,
                               std::shared_ptr<TagLocks> locks)
    : client_(client), settings_(settings), locks_(std::move(locks)) {}

SignatureStore SignatureStore::through(oci::RegistryClient& client) const {
    return SignatureStore(client, settings_, locks_);
}

std::mutex& SignatureStore::lockFor(const std::string& key) {
    std::lock_guard<std::mutex> guard(locks_->mutex);
    auto& slot = locks_->byTag[key];
    if (!slot) slot = std::make_unique<std::mutex>();
    return *slot;
}

std::optional<AttachmentImage> SignatureStore::fetchImage(const oci::Repository& repo,
                                                          const std::string& tag,
                                                          std::string* digest) {
    auto manifest = client_.getManifest(repo, tag);
    if (!manifest) return std::nullopt;
    if (digest) *digest = crypto::sha256Digest(manifest->body);
    std::string what = attachmentLocation(repo, tag);
    auto parsed = oci::parseManifest(manifest->body, what);
    std::string config = client_.getBlob(repo, parsed.config.digest, kMaxPayloadBytes);
    return AttachmentImage::fromParts(manifest->body, config, what);
}

std::vector<StoredLayer> SignatureStore::readLayers(const oci::Repository& repo,
                                                    const std::string& tag) {
    auto manifest = client_.getManifest(repo, tag);
    if (!manifest) return {};
    auto parsed = oci::parseManifest(manifest->body, attachmentLocation(repo, tag));
    std::vector<StoredLayer> layers;
    for (const auto& descriptor : parsed.layers) {
        layers.push_back({descriptor, client_.getBlob(repo, descriptor.digest, kMaxPayloadBytes)});
    }
    return layers;
}

std::vector<StoredLayer> SignatureStore::layersOf(const oci::Repository& repo,
                                                  const std::set<std::string>& digests) {
    std::vector<StoredLayer> layers;
    for (const auto& digest : digests) {
        try {
            auto manifest = client_.getManifest(repo, digest);
            if (!manifest) continue;
            for (const auto& descriptor :
                 oci::parseManifest(manifest->body, attachmentLocation(repo, digest)).layers) {
                layers.push_back(
                    {descriptor, client_.getBlob(repo, descriptor.digest, kMaxPayloadBytes)});
            }
        } catch (const Error&) {
            // Gone or unreadable: whoever wrote it finds it missing in their own check.
        }
    }
    return layers;
}

std::string SignatureStore::write(const oci::Repository& repo, const std::string& tag,
                                  const AttachmentImage& image, const AttachmentLayer& layer,
                                  bool fresh, AppendResult& result, const std::string& base,
                                  std::set<std::string>* replaced) {
    std::string config = image.configBytes();
    auto upload = [&](const std::string& blob) {
        std::string digest = crypto::sha256Digest(blob);
        fresh ? client_.pushBlob(repo, digest, blob) : client_.putBlob(repo, digest, blob);
    };
    // The two blobs go up side by side (as go-containerregistry uploads an image's blobs): two
    // round trips fewer on the way to the manifest PUT, which needs both.
    auto payloadUpload = std::async(std::launch::async, [&] { upload(layer.payload); });
    upload(config);
    payloadUpload.get();
    return *putWatched(repo, tag, image.manifest().mediaType, image.manifestBytes(), base, "",
                       result, replaced);
}

std::optional<std::string> SignatureStore::putWatched(
    const oci::Repository& repo, const std::string& tag, const std::string& mediaType,
    const std::string& bytes, const std::string& base, const std::string& etag,
    AppendResult& result, std::set<std::string>* replaced) {
    auto sent = std::chrono::steady_clock::now();
    auto put = std::async(std::launch::async, [&]() -> std::optional<std::string> {
        if (etag.empty()) return client_.putManifest(repo, tag, mediaType, bytes);
        return client_.putManifestIfMatch(repo, tag, mediaType, bytes, etag);
    });
    // A PUT that is slow to answer may land after other writers' PUTs and replace them: what
    // the tag shows meanwhile (neither `base` nor this manifest) is what it may have replaced.
    const std::string mine = crypto::sha256Digest(bytes);
    while (replaced && put.wait_for(settings_.watchEvery) != std::future_status::ready) {
        try {
            auto head = client_.headManifest(repo, tag);
            if (head && head->digest != base && head->digest != mine)
                replaced->insert(head->digest);
        } catch (const Error&) {
            // Looking is best effort; the PUT's own outcome decides.
        }
    }
    std::optional<std::string> written = put.get();
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - sent);
    result.roundTrip = std::max(result.roundTrip, took);
    ++result.writes;
    return written;
}

// What one round of SignatureStore::update works on.
class SignatureStore::TagEdit {
  public:
    virtual ~TagEdit() = default;
    // Reads the tag afresh; false when it does not exist.
    virtual bool load() = 0;
    // The item this edit adds (or, for layers, a duplicate of it) is in what load() read.
    virtual bool holdsMine() const = 0;
    // Adds the items rescue() found that are missing; true when any was.
    virtual bool mergeRescued() = 0;
    virtual void addMine() = 0;
    virtual std::string digest() const = 0;  // of the manifest as it stands now
    // Writes it; nullopt when the registry refused it under If-Match (the tag changed).
    virtual std::optional<std::string> write(bool fresh, AppendResult& result,
                                             std::set<std::string>* replaced) = 0;
    // Reads the items of the manifests a slow PUT replaced, for the next mergeRescued().
    virtual void rescue(const std::set<std::string>& replaced) = 0;
};

// A layer appended to a .sig/.att image.
class SignatureStore::LayerEdit : public SignatureStore::TagEdit {
  public:
    LayerEdit(SignatureStore& store, const oci::Repository& repo, const std::string& tag,
              const AttachmentLayer& layer, const crypto::Verifier* dedupeWith)
        : store_(store),
          repo_(repo),
          tag_(tag),
          layer_(layer),
          dedupeWith_(dedupeWith),
          digest_(crypto::sha256Digest(layer.payload)),
          image_(AttachmentImage::empty(store.settings_.dockerMediaTypes)) {}

    bool load() override {
        base_.clear();
        auto current = store_.fetchImage(repo_, tag_, &base_);
        image_ = current ? *current : AttachmentImage::empty(store_.settings_.dockerMediaTypes);
        return current.has_value();
    }
    bool holdsMine() const override {
        for (const auto& existing : image_.manifest().layers) {
            if (sameLayer(existing, layer_, digest_) ||
                (dedupeWith_ && isDuplicate(existing, layer_, digest_, *dedupeWith_)))
                return true;
        }
        return false;
    }
    bool mergeRescued() override {
        bool merged = false;
        for (const auto& other : rescued_) {
            AttachmentLayer theirs{other.descriptor.mediaType, other.payload,
                                   other.descriptor.annotations};
            if (contains(image_, theirs, other.descriptor.digest)) continue;
            image_.append(theirs);
            merged = true;
        }
        rescued_.clear();
        return merged;
    }
    void addMine() override { image_.append(layer_); }
    std::string digest() const override { return crypto::sha256Digest(image_.manifestBytes()); }
    std::optional<std::string> write(bool fresh, AppendResult& result,
                                     std::set<std::string>* replaced) override {
        // A tag that does not exist yet means new blobs: no HEAD before each upload.
        return store_.write(repo_, tag_, image_, layer_, fresh, result, base_, replaced);
    }
    void rescue(const std::set<std::string>& replaced) override {
        rescued_ = store_.layersOf(repo_, replaced);
    }

  private:
    SignatureStore& store_;
    const oci::Repository& repo_;
    const std::string& tag_;
    const AttachmentLayer& layer_;
    const crypto::Verifier* dedupeWith_;
    const std::string digest_;
    AttachmentImage image_;
    std::string base_;
    std::vector<StoredLayer> rescued_;  // layers of other writers' manifests a PUT replaced
};

// A referrer's descriptor added to the referrers tag-schema index of its subject.
class SignatureStore::ReferrerEdit : public SignatureStore::TagEdit {
  public:
    ReferrerEdit(SignatureStore& store, const oci::Repository& repo, const std::string& subject,
                 const oci::Descriptor& referrer)
        : store_(store),
          repo_(repo),
          subject_(subject),
          tag_(digestTag(subject)),
          referrer_(referrer) {}

    const std::string& tag() const { return tag_; }
    bool load() override {
        base_.clear();
        etag_.clear();
        index_ = oci::ReferrersTagIndex();
        auto current = store_.client_.getManifest(repo_, tag_);
        if (!current) return false;
        base_ = current->digest;
        etag_ = current->etag;
        index_ = readIndex(*current, repo_, tag_, subject_);
        return true;
    }
    bool holdsMine() const override { return index_.contains(referrer_.digest); }
    bool mergeRescued() override {
        bool merged = false;
        for (const auto& other : rescued_) merged = index_.add(other) || merged;
        rescued_.clear();
        return merged;
    }
    void addMine() override { index_.add(referrer_); }
    std::string digest() const override { return crypto::sha256Digest(index_.bytes()); }
    std::optional<std::string> write(bool, AppendResult& result,
                                     std::set<std::string>* replaced) override {
        return store_.putWatched(repo_, tag_, oci::media_type::kOciIndex, index_.bytes(), base_,
                                 etag_, result, replaced);
    }
    void rescue(const std::set<std::string>& replaced) override {
        for (const auto& digest : replaced) {
            try {
                auto manifest = store_.client_.getManifest(repo_, digest);
                if (!manifest || manifest->mediaType != oci::media_type::kOciIndex) continue;
                for (const auto& entry : oci::ReferrersTagIndex::parse(
                                             manifest->body, attachmentLocation(repo_, digest))
                                             .entries()) {
                    rescued_.push_back(entry);
                }
            } catch (const Error&) {
                // Gone or unreadable: whoever wrote it finds it missing in their own check.
            }
        }
    }

    // The index a GET of the tag answered; Error(Registry) for anything else at the tag.
    static oci::ReferrersTagIndex readIndex(const oci::ManifestResponse& current,
                                            const oci::Repository& repo, const std::string& tag,
                                            const std::string& subject) {
        const std::string location = attachmentLocation(repo, tag);
        if (current.mediaType == oci::media_type::kOciIndex)
            return oci::ReferrersTagIndex::parse(current.body, location);
        // cosign copy tags a copied manifest with its own digest: that tag can become the index.
        if (current.digest == subject) return oci::ReferrersTagIndex();
        throw Error(ErrorKind::Registry,
                    location + " holds a " + current.mediaType +
                        ", not an OCI referrers index; refusing to replace it (move it "
                        "elsewhere, or use a registry with the referrers API)");
    }

  private:
    SignatureStore& store_;
    const oci::Repository& repo_;
    const std::string& subject_;
    const std::string tag_;
    const oci::Descriptor& referrer_;
    oci::ReferrersTagIndex index_;
    std::string base_, etag_;
    std::vector<oci::Descriptor> rescued_;
};

AppendResult SignatureStore::update(const oci::Repository& repo, const std::string& tag,
                                    TagEdit& edit) {
    std::string location = attachmentLocation(repo, tag);
    std::lock_guard<std::mutex> guard(lockFor(location));
    AppendResult result;
    result.location = location;
    for (int round = 0;; ++round) {
        const bool exists = edit.load();
        const bool present = edit.holdsMine();
        const bool merged = edit.mergeRescued();
        if (present && !merged) {
            result.alreadyPresent = result.writes == 0;
            result.manifestDigest = edit.digest();
            return result;
        }
        if (!present) edit.addMine();
        const bool last = round + 1 == kMaxWriteRounds;
        std::set<std::string> replaced;
        std::optional<std::string> written;
        try {
            written = edit.write(!exists, result, &replaced);
        } catch (const Error& e) {
            // distribution can refuse a manifest while another writer is storing the same config
            // blob (400 DIGEST_INVALID); another round re-reads, re-uploads and writes again.
            if (e.kind() != ErrorKind::Registry || last) throw;
            continue;
        }
        if (!written) {  // If-Match refused: someone wrote the tag since it was read
            if (last) {
                throw Error(ErrorKind::LostRace, location + ": other writers kept changing it (" +
                                                     std::to_string(kMaxWriteRounds) +
                                                     " refused writes); sign again");
            }
            continue;
        }
        result.manifestDigest = *written;
        if (replaced.empty() || last) return result;
        edit.rescue(replaced);  // the next round puts back what they held
    }
}

AppendResult SignatureStore::append(const oci::Repository& repo, const std::string& tag,
                                    const AttachmentLayer& layer,
                                    const crypto::Verifier* dedupeWith) {
    LayerEdit edit(*this, repo, tag, layer, dedupeWith);
    return update(repo, tag, edit);
}

AppendResult SignatureStore::addReferrer(const oci::Repository& repo, const std::string& subject,
                                         const oci::Descriptor& referrer) {
    ReferrerEdit edit(*this, repo, subject, referrer);
    return update(repo, edit.tag(), edit);
}

bool SignatureStore::holdsReferrer(const oci::Repository& repo, const std::string& subject,
                                   const std::string& referrer, const std::string& written) {
    const std::string tag = digestTag(subject);
    auto head = client_.headManifest(repo, tag);
    if (!head) return false;
    if (head->digest == written) return true;
    auto manifest = client_.getManifest(repo, tag);
    if (!manifest || manifest->mediaType != oci::media_type::kOciIndex) return false;
    return oci::ReferrersTagIndex::parse(manifest->body, attachmentLocation(repo, tag))
        .contains(referrer);
}

bool SignatureStore::holds(const oci::Repository& repo, const std::string& tag,
                           const AttachmentLayer& layer, const std::string& written) {
    auto head = client_.headManifest(repo, tag);
    if (!head) return false;
    if (head->digest == written) return true;
    auto manifest = client_.getManifest(repo, tag);
    if (!manifest) return false;
    const std::string digest = crypto::sha256Digest(layer.payload);
    for (const auto& existing :
         oci::parseManifest(manifest->body, attachmentLocation(repo, tag)).layers) {
        if (sameLayer(existing, layer, digest)) return true;
    }
    return false;
}

AppendResult SignatureStore::replace(const oci::Repository& repo, const std::string& tag,
                                     const AttachmentLayer& layer) {
    std::string location = attachmentLocation(repo, tag);
    std::lock_guard<std::mutex> guard(lockFor(location));
    AttachmentImage image = AttachmentImage::empty(settings_.dockerMediaTypes);
    image.append(layer);
    AppendResult result;
    result.location = location;
    result.manifestDigest = write(repo, tag, image, layer, false, result);
    return result;
}

}  // namespace signet::cosign
