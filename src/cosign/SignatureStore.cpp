#include "cosign/SignatureStore.h"

#include <future>

#include "cosign/AttachmentTag.h"
#include "crypto/Encoding.h"
#include "error/Error.h"

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
    auto sent = std::chrono::steady_clock::now();
    const std::string bytes = image.manifestBytes();
    auto put = std::async(std::launch::async, [&] {
        return client_.putManifest(repo, tag, image.manifest().mediaType, bytes);
    });
    // A PUT that is slow to answer may land after other writers' PUTs and replace them: what
    // the tag shows meanwhile (neither `base` nor this image) is what it may have replaced.
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
    std::string written = put.get();
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - sent);
    result.roundTrip = std::max(result.roundTrip, took);
    ++result.writes;
    return written;
}

AppendResult SignatureStore::append(const oci::Repository& repo, const std::string& tag,
                                    const AttachmentLayer& layer,
                                    const crypto::Verifier* dedupeWith) {
    std::string location = attachmentLocation(repo, tag);
    std::lock_guard<std::mutex> guard(lockFor(location));
    const std::string digest = crypto::sha256Digest(layer.payload);
    AppendResult result;
    result.location = location;
    std::vector<StoredLayer> rescued;  // layers of other writers' manifests a PUT replaced
    for (int round = 0;; ++round) {
        std::string base;
        auto current = fetchImage(repo, tag, &base);
        AttachmentImage image =
            current ? *current : AttachmentImage::empty(settings_.dockerMediaTypes);
        bool present = false;
        for (const auto& existing : image.manifest().layers) {
            present = present || sameLayer(existing, layer, digest) ||
                      (dedupeWith && isDuplicate(existing, layer, digest, *dedupeWith));
        }
        bool merged = false;
        for (const auto& other : rescued) {
            AttachmentLayer theirs{other.descriptor.mediaType, other.payload,
                                   other.descriptor.annotations};
            if (contains(image, theirs, other.descriptor.digest)) continue;
            image.append(theirs);
            merged = true;
        }
        rescued.clear();
        if (present && !merged) {
            result.alreadyPresent = result.writes == 0;
            result.manifestDigest = crypto::sha256Digest(image.manifestBytes());
            return result;
        }
        if (!present) image.append(layer);
        std::set<std::string> replaced;
        try {
            // A tag that does not exist yet means new blobs: no HEAD before each upload.
            result.manifestDigest =
                write(repo, tag, image, layer, !current, result, base, &replaced);
        } catch (const Error& e) {
            // distribution can refuse a manifest while another writer is storing the same config
            // blob (400 DIGEST_INVALID); another round re-reads, re-uploads and writes again.
            if (e.kind() != ErrorKind::Registry || round + 1 == kMaxWriteRounds) throw;
            continue;
        }
        if (replaced.empty() || round + 1 == kMaxWriteRounds) return result;
        rescued = layersOf(repo, replaced);  // the next round puts back what they held
    }
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
