#include "oci/ManifestCopy.h"

#include "error/Error.h"
#include "oci/ImageIndex.h"
#include "oci/ImageManifest.h"

namespace signet::oci {
namespace {

bool isForeignLayer(const Descriptor& layer) {
    return layer.mediaType.find("foreign") != std::string::npos ||
           layer.mediaType.find("nondistributable") != std::string::npos;
}

void copyBlob(RegistryClient& client, const Repository& from, const Repository& to,
              const std::string& digest, ManifestCopyStats& stats) {
    if (client.hasBlob(to, digest)) {
        ++stats.blobsPresent;
        return;
    }
    if (client.mountBlob(to, digest, from)) {
        ++stats.blobsMounted;
        return;
    }
    client.pushBlob(to, digest, client.getBlob(from, digest, kMaxCopiedBlobBytes));
    ++stats.blobsCopied;
}

}  // namespace

void copyManifest(RegistryClient& client, const Repository& from, const ManifestResponse& manifest,
                  const Repository& to, const std::string& reference, ManifestCopyStats& stats) {
    const std::string what = from.name() + "@" + manifest.digest;
    if (isIndexMediaType(manifest.mediaType)) {
        for (const auto& entry : parseIndex(manifest.body, what)) {
            auto child = client.getManifest(from, entry.digest);
            if (!child) {
                throw Error(ErrorKind::NotFound,
                            what + " lists " + entry.digest + ", which the registry does not have");
            }
            copyManifest(client, from, *child, to, entry.digest, stats);
        }
    } else {
        const ImageManifest image = parseManifest(manifest.body, what);
        copyBlob(client, from, to, image.config.digest, stats);
        for (const auto& layer : image.layers) {
            if (!isForeignLayer(layer)) copyBlob(client, from, to, layer.digest, stats);
        }
    }
    client.putManifest(to, reference, manifest.mediaType, manifest.body);
}

}  // namespace signet::oci
