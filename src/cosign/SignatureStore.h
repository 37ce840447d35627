// SignatureStore: appends layers to a digest's .sig/.att image without losing anyone's signature.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/Environment.h"
#include "cosign/AttachmentImage.h"
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
    int writes = 0;  // manifest PUTs it took (more than 1 when another writer raced us)
};

// How attachment images are written.
struct StoreSettings {
    bool dockerMediaTypes = false;  // COSIGN_DOCKER_MEDIA_TYPES=1
    // How long to wait after a write before checking that no other process replaced the tag;
    // twice our own read-to-write time and a random extra of up to `settle` are added, so the
    // wait covers slow writers and racing writers spread out.
    std::chrono::milliseconds settle{50};
};

class SignatureStore {
  public:
    // cosign limits each attachment payload it downloads to 128 MiB.
    static constexpr std::size_t kMaxPayloadBytes = 128u << 20;
    // Read-modify-write rounds before giving up when other writers keep overwriting the tag.
    static constexpr int kMaxWriteRounds = 10;
    explicit SignatureStore(oci::RegistryClient& client, StoreSettings settings = {})
        : client_(client), settings_(settings) {}

    // The layers at repo:tag with their payloads; empty when the tag does not exist.
    std::vector<StoredLayer> readLayers(const oci::Repository& repo, const std::string& tag);

    // Appends `layer` to the image at repo:tag (creating it when absent), as cosign does.
    // With `dedupeWith`, an existing layer with the same digest, media type and annotations whose
    // signature verifies with that key counts as already present (cosign's duplicate detector).
    // Writes to one tag are serialised within the process. The registry API has no
    // compare-and-swap, so after each PUT the store waits `settle`, reads the tag back and, when
    // another writer replaced it, merges the layer into theirs and writes again.
    AppendResult append(const oci::Repository& repo, const std::string& tag,
                        const AttachmentLayer& layer, const crypto::Verifier* dedupeWith);

    // Replaces whatever is at repo:tag with an image of exactly these layers (cosign attach sbom).
    AppendResult replace(const oci::Repository& repo, const std::string& tag,
                         const AttachmentLayer& layer);

  private:
    std::mutex& lockFor(const std::string& key);
    void waitToSettle(std::chrono::milliseconds ownWindow) const;
    std::optional<AttachmentImage> fetchImage(const oci::Repository& repo, const std::string& tag);
    std::string write(const oci::Repository& repo, const std::string& tag,
                      const AttachmentImage& image, const AttachmentLayer& layer);

    oci::RegistryClient& client_;
    StoreSettings settings_;
    std::mutex locksMutex_;
    std::map<std::string, std::unique_ptr<std::mutex>> locks_;
};

// COSIGN_DOCKER_MEDIA_TYPES, and SIGNET_WRITE_SETTLE_MS (default 50 ms; 0 when signet is the
// only writer). Throws Error(Config) naming the variable for a bad value.
StoreSettings storeSettings(const Environment& env);

}  // namespace signet::cosign
