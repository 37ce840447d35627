// OciLayoutWriter: writes an OCI image layout directory (blobs, manifests, indexes, index.json).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/LayerArchive.h"

namespace signet::testing {

struct OciPlatform {
    std::string os = "linux";
    std::string architecture = "amd64";
    std::string variant;  // e.g. "v8" for arm64; empty → omitted
};

struct OciDescriptor {
    std::string mediaType;
    std::string digest;  // "sha256:..."
    long long size = 0;
    std::optional<OciPlatform> platform;
    nlohmann::ordered_json toJson() const;
};

class OciLayoutWriter {
  public:
    // Creates `dir` (if needed), its oci-layout file and blobs/sha256/.
    explicit OciLayoutWriter(std::string dir);

    const std::string& dir() const { return dir_; }

    // Stores `bytes` as blobs/sha256/<hex>.
    OciDescriptor writeBlob(const std::string& bytes, const std::string& mediaType);
    // One gzip layer with `files`, its config (diff_ids, platform) and an OCI image manifest.
    // The returned descriptor (the manifest's) carries `platform`.
    OciDescriptor writeImage(const std::vector<LayerFile>& files, const OciPlatform& platform = {});
    // An OCI image index listing `manifests` (with their platforms).
    OciDescriptor writeIndex(const std::vector<OciDescriptor>& manifests);
    // Adds `descriptor` to index.json under org.opencontainers.image.ref.name = `tag`
    // (so skopeo can read it as oci:DIR:tag) and rewrites index.json.
    void tag(const OciDescriptor& descriptor, const std::string& tag);

  private:
    void writeIndexJson() const;

    std::string dir_;
    nlohmann::ordered_json tagged_ = nlohmann::ordered_json::array();
};

}  // namespace signet::testing
