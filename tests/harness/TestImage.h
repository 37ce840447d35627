// TestImage: small real images built without a daemon (OCI layout files) and pushed with skopeo.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/Command.h"
#include "harness/OciLayoutWriter.h"
#include "harness/TempDir.h"
#include "harness/TestRegistry.h"

namespace signet::testing {

struct PushedImage {
    std::string repository;  // "127.0.0.1:PORT/name"
    std::string tag;
    std::string digest;  // manifest digest the registry reports, "sha256:..."
    std::string ref() const { return repository + ":" + tag + "@" + digest; }
};

struct PushedPlatformImage {
    OciPlatform platform;
    std::string digest;  // the platform's image manifest digest
};

// The manifest format the registry receives: skopeo keeps OCI as built, or converts to Docker
// schema 2 (image manifest v2 / manifest list v2), which changes every digest.
enum class ManifestFormat { Oci, DockerV2S2 };

struct PushedIndex {
    PushedImage index;  // digest is the OCI image index's
    std::vector<PushedPlatformImage> platforms;
};

// Builds a one-layer image whose single file (content.txt) holds `content` (so different content
// gives a different digest, the same content the same digest) and pushes it as `name:tag`.
PushedImage pushSmallImage(const TestRegistry& registry, const std::string& name,
                           const std::string& tag, const std::string& content,
                           ManifestFormat format = ManifestFormat::Oci);

// Pushes `layoutTag` of an OCI layout directory someone else built (e.g. with umoci) as
// `name:tag`, all platforms included (skopeo copy --all); with ManifestFormat::Oci the digests
// are preserved (--preserve-digests).
PushedImage pushOciLayout(const TestRegistry& registry, const std::string& layoutDir,
                          const std::string& layoutTag, const std::string& name,
                          const std::string& tag, ManifestFormat format = ManifestFormat::Oci);

// Two small images (linux/amd64 and linux/arm64/v8, each holding `content` plus its platform)
// under one image index (a Docker manifest list with DockerV2S2), pushed as `name:tag`.
// `platforms[i].digest` is the digest of the i-th entry as the registry holds it.
PushedIndex pushMultiPlatformImage(const TestRegistry& registry, const std::string& name,
                                   const std::string& tag, const std::string& content,
                                   ManifestFormat format = ManifestFormat::Oci);

// The raw manifest (or index) bytes the registry serves for `nameAndReference`
// ("name:tag" or "name@sha256:..."), via skopeo inspect --raw.
std::string fetchRawManifest(const TestRegistry& registry, const std::string& nameAndReference);

}  // namespace signet::testing
