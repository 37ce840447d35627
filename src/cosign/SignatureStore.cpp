#include "cosign/SignatureStore.h"

#include <random>
#include <thread>

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

void SignatureStore::waitToSettle(std::chrono::milliseconds ownWindow) const {
    if (settings_.settle.count() <= 0) return;
    static thread_local std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<long> extra(0, settings_.settle.count());
    std::this_thread::sleep_for(settings_.settle + 2 * ownWindow +
                                std::chrono::milliseconds(extra(rng)));
}

std::mutex& SignatureStore::lockFor(const std::string& key) {
    std::lock_guard<std::mutex> guard(locksMutex_);
    auto& slot = locks_[key];
    if (!slot) slot = std::make_unique<std::mutex>();
    return *slot;
}

std::optional<AttachmentImage> SignatureStore::fetchImage(const oci::Repository& repo,
                                                          const std::string& tag) {
    auto manifest = client_.getManifest(repo, tag);
    if (!manifest) return std::nullopt;
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

std::string SignatureStore::write(const oci::Repository& repo, const std::string& tag,
                                  const AttachmentImage& image, const AttachmentLayer& layer) {
    client_.putBlob(repo, crypto::sha256Digest(layer.payload), layer.payload);  // no-op if there
    std::string config = image.configBytes();
    client_.putBlob(repo, crypto::sha256Digest(config), config);
    return client_.putManifest(repo, tag, image.manifest().mediaType, image.manifestBytes());
}

AppendResult SignatureStore::append(const oci::Repository& repo, const std::string& tag,
                                    const AttachmentLayer& layer,
                                    const crypto::Verifier* dedupeWith) {
    std::string location = attachmentLocation(repo, tag);
    std::lock_guard<std::mutex> guard(lockFor(location));
    const std::string digest = crypto::sha256Digest(layer.payload);
    AppendResult result;
    result.location = location;
    // Upload the payload first, so that between reading the tag and writing it only the config
    // blob and the manifest travel: the window in which another writer can interleave is short.
    client_.putBlob(repo, digest, layer.payload);
    for (int round = 0; round < kMaxWriteRounds; ++round) {
        auto readAt = std::chrono::steady_clock::now();
        auto current = fetchImage(repo, tag);
        AttachmentImage image =
            current ? *current : AttachmentImage::empty(settings_.dockerMediaTypes);
        for (const auto& existing : image.manifest().layers) {
            bool present = dedupeWith ? isDuplicate(existing, layer, digest, *dedupeWith)
                                      : (round > 0 && sameLayer(existing, layer, digest));
            if (present) {
                result.alreadyPresent = result.writes == 0;
                result.manifestDigest = crypto::sha256Digest(image.manifestBytes());
                return result;
            }
        }
        image.append(layer);
        try {
            write(repo, tag, image, layer);
        } catch (const Error& e) {
            // distribution can refuse a manifest while another writer is storing the same config
            // blob (400 DIGEST_INVALID); another round re-reads, re-uploads and writes again.
            if (e.kind() != ErrorKind::Registry || round + 1 == kMaxWriteRounds) throw;
            waitToSettle(std::chrono::milliseconds(0));
            continue;
        }
        ++result.writes;
        // Another process may have read the tag before our PUT and write after it. Its
        // read-to-write window is about as long as ours: wait well past it, then check that our
        // layer survived.
        waitToSettle(std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - readAt));
        auto after = client_.getManifest(repo, tag);
        if (after) {
            auto parsed = oci::parseManifest(after->body, location);
            for (const auto& existing : parsed.layers) {
                if (sameLayer(existing, layer, digest)) {
                    result.manifestDigest = after->digest;
                    return result;
                }
            }
        }
    }
    throw Error(ErrorKind::Registry, location + ": other writers replaced the signature image " +
                                         std::to_string(kMaxWriteRounds) +
                                         " times in a row; run again");
}

AppendResult SignatureStore::replace(const oci::Repository& repo, const std::string& tag,
                                     const AttachmentLayer& layer) {
    std::string location = attachmentLocation(repo, tag);
    std::lock_guard<std::mutex> guard(lockFor(location));
    AttachmentImage image = AttachmentImage::empty(settings_.dockerMediaTypes);
    image.append(layer);
    AppendResult result;
    result.location = location;
    result.manifestDigest = write(repo, tag, image, layer);
    result.writes = 1;
    return result;
}

StoreSettings storeSettings(const Environment& env) {
    StoreSettings settings;
    settings.dockerMediaTypes = env.getOr("COSIGN_DOCKER_MEDIA_TYPES", "0") == "1";
    auto text = env.get("SIGNET_WRITE_SETTLE_MS");
    if (!text || text->empty()) return settings;
    if (text->size() > 6 || text->find_first_not_of("0123456789") != std::string::npos) {
        throw Error(ErrorKind::Config,
                    "SIGNET_WRITE_SETTLE_MS must be milliseconds (0-999999), got '" + *text + "'");
    }
    settings.settle = std::chrono::milliseconds(std::stol(*text));
    return settings;
}

}  // namespace signet::cosign
