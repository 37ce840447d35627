#include "cosign/SignedImageCopy.h"

#include "error/Error.h"
#include "oci/ImageIndex.h"

namespace signet::cosign {
namespace {

std::string nameOf(const oci::Repository& repo, const std::string& reference) {
    return repo.name() + (reference.rfind("sha256:", 0) == 0 ? "@" : ":") + reference;
}

class Copier {
  public:
    Copier(oci::RegistryClient& client, const CopyOptions& options, const CopyLog& log)
        : client_(client), options_(options), log_(log) {}

    // cosign's remoteCopy: a missing source is skipped; an equal destination is left alone.
    void copy(const oci::Repository& from, const std::string& reference, const oci::Repository& to,
              const std::string& target) {
        auto manifest = client_.getManifest(from, reference);
        if (!manifest) return;
        copy(from, *manifest, nameOf(from, reference), to, target);
    }

    void copy(const oci::Repository& from, const oci::ManifestResponse& manifest,
              const std::string& sourceName, const oci::Repository& to, const std::string& target) {
        if (!options_.force) {
            if (auto present = client_.headManifest(to, target)) {
                if (present->digest == manifest.digest) return;
                throw Error(ErrorKind::Immutable, "image \"" + nameOf(to, target) +
                                                      "\" already exists. Use `-f` to overwrite");
            }
        }
        log_("Copying " + sourceName + " to " + nameOf(to, target) + "...");
        oci::copyManifest(client_, from, manifest, to, target, stats_);
    }

    const oci::ManifestCopyStats& stats() const { return stats_; }

  private:
    oci::RegistryClient& client_;
    const CopyOptions& options_;
    const CopyLog& log_;
    oci::ManifestCopyStats stats_;
};

// The manifest to copy: `digest`, or with a platform the entry of the index it names.
oci::ManifestResponse rootManifest(oci::RegistryClient& client, const oci::Repository& repo,
                                   const std::string& digest, const std::string& platform) {
    auto manifest = client.getManifest(repo, digest);
    if (!manifest) throw Error(ErrorKind::NotFound, repo.name() + "@" + digest + " not found");
    if (platform.empty()) return *manifest;
    if (!oci::isIndexMediaType(manifest->mediaType)) {
        throw Error(ErrorKind::Usage, "--platform " + platform + ": " + repo.name() + "@" + digest +
                                          " is an image, not an index");
    }
    for (const auto& entry : oci::parseIndex(manifest->body, repo.name() + "@" + digest)) {
        if (entry.attestation || !oci::platformMatches(entry.platform, platform)) continue;
        auto child = client.getManifest(repo, entry.digest);
        if (!child)
            throw Error(ErrorKind::NotFound, repo.name() + "@" + entry.digest + " not found");
        return *child;
    }
    throw Error(ErrorKind::NotFound,
                "no image for platform " + platform + " in " + repo.name() + "@" + digest);
}

// The digests cosign's walk visits: the manifest, then (for an index) each child's, depth first.
void walk(oci::RegistryClient& client, const oci::Repository& repo,
          const oci::ManifestResponse& manifest, std::vector<std::string>& digests) {
    digests.push_back(manifest.digest);
    if (!oci::isIndexMediaType(manifest.mediaType)) return;
    for (const auto& entry : oci::parseIndex(manifest.body, repo.name() + "@" + manifest.digest)) {
        auto child = client.getManifest(repo, entry.digest);
        if (child) walk(client, repo, *child, digests);
    }
}

}  // namespace

oci::ManifestCopyStats copySignedImage(oci::RegistryClient& client, const StoreSettings& settings,
                                       const oci::Reference& source,
                                       const std::string& sourceDigest,
                                       const oci::Reference& destination,
                                       const CopyOptions& options, const CopyLog& log) {
    const oci::Repository& from = source.repository;
    const oci::Repository& to = destination.repository;
    const oci::Repository attachments = settings.attachmentsFor(from);
    Copier copier(client, options, log);
    const oci::ManifestResponse root = rootManifest(client, from, sourceDigest, options.platform);
    if (destination.hasDigest() && destination.digest != root.digest) {
        throw Error(ErrorKind::Usage, "the destination names " + destination.digest + ", but " +
                                          source.str() + " is " + root.digest);
    }
    std::vector<std::string> digests;
    walk(client, from, root, digests);
    for (const auto& digest : digests) {
        for (auto kind : options.attachments) {
            const std::string tag = attachmentTag(digest, kind);
            copier.copy(attachments, tag, to, tag);
        }
        copier.copy(from, digest, to, digestTag(digest));
    }
    if (!options.attachmentsOnly) {
        const std::string target = destination.hasDigest() ? destination.digest
                                   : destination.hasTag()  ? destination.tag
                                                           : "latest";
        copier.copy(from, root, nameOf(from, root.digest), to, target);
    }
    return copier.stats();
}

}  // namespace signet::cosign
