// MediaTypes: the OCI, Docker and cosign media type strings signet reads and writes.
#pragma once

namespace signet::oci::media_type {

inline constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char* kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr const char* kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr const char* kOciEmpty = "application/vnd.oci.empty.v1+json";
inline constexpr const char* kOciLayerTar = "application/vnd.oci.image.layer.v1.tar";
inline constexpr const char* kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr const char* kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr const char* kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr const char* kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr const char* kDockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr const char* kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

inline constexpr const char* kCosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json";
inline constexpr const char* kDsseEnvelope = "application/vnd.dsse.envelope.v1+json";
inline constexpr const char* kCosignArtifactSig = "application/vnd.dev.cosign.artifact.sig.v1+json";
inline constexpr const char* kCosignArtifactSbom = "application/vnd.dev.cosign.artifact.sbom.v1+json";
inline constexpr const char* kSigstoreBundle = "application/vnd.dev.sigstore.bundle.v0.3+json";

// The Accept header for manifest GET/HEAD: every manifest and index type signet understands.
inline constexpr const char* kManifestAccept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

}  // namespace signet::oci::media_type
