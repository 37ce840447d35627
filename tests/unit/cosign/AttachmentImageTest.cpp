// Golden bytes from the shared reference (cosign-formats.md §10 V2), derived from a real cosign
// signature in the containers/image fixtures.
#include "cosign/AttachmentImage.h"

#include <gtest/gtest.h>

#include "cosign/SimpleSigningPayload.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/ContainersSignature.h"
#include "harness/Paths.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {
namespace {

const char* kSignatureAnnotation = "dev.cosignproject.cosign/signature";

testing::ContainersSignature v2Signature() {
    return testing::readContainersSignature(
        testing::fixture("interop/containers-image/dir-img-cosign-valid/signature-1"));
}

TEST(AttachmentImage, FixtureV2PayloadIsWhatSignetMarshals) {
    auto sig = v2Signature();
    std::string ours = marshalPayload(
        "192.168.64.2:5000/cosign-signed-single-sample",
        "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00", {});
    EXPECT_EQ(ours, sig.payload);
    EXPECT_EQ(ours.size(), 261u);
    EXPECT_EQ(crypto::hexEncode(crypto::sha256(ours)),
              "cf482371b51a7633b3f02e29b87fc3f4a18b3f127af61cb114af5f2c04fcdd75");
}

TEST(AttachmentImage, ConfigAndManifestMatchCosignGoldenBytes) {
    auto sig = v2Signature();
    AttachmentImage image = AttachmentImage::empty(false);
    image.append({oci::media_type::kCosignSimpleSigning,
                  sig.payload,
                  {{kSignatureAnnotation, sig.annotations.at(kSignatureAnnotation)}}});
    std::string config = image.configBytes();
    EXPECT_EQ(config.size(), 233u);
    EXPECT_EQ(crypto::sha256Digest(config),
              "sha256:be321600a5bd794947dce257829a2f08c21b05dde3edf84706faf6f2ae0f5f60");
    std::string manifest = image.manifestBytes();
    EXPECT_EQ(manifest.size(), 558u);
    EXPECT_EQ(crypto::sha256Digest(manifest),
              "sha256:4e9e18b27581f5046e09644e683cae2a55187345ca64be139bc2d53e12be04c0");
}

TEST(AttachmentImage, AppendingToARemoteImageKeepsExistingLayersAndGrowsTheConfig) {
    auto sig = v2Signature();
    AttachmentImage first = AttachmentImage::empty(false);
    first.append({oci::media_type::kCosignSimpleSigning,
                  sig.payload,
                  {{kSignatureAnnotation, sig.annotations.at(kSignatureAnnotation)}}});
    AttachmentImage again =
        AttachmentImage::fromParts(first.manifestBytes(), first.configBytes(), "test");
    EXPECT_EQ(again.manifestBytes(), first.manifestBytes()) << "re-marshalling must be stable";
    again.append(
        {oci::media_type::kCosignSimpleSigning, "second", {{kSignatureAnnotation, "c2ln"}}});
    auto config = oci::parseConfig(again.configBytes(), "test");
    ASSERT_EQ(config.diffIds.size(), 2u);
    EXPECT_EQ(config.history.size(), 2u);
    EXPECT_EQ(config.diffIds[1], crypto::sha256Digest("second"));
    auto manifest = oci::parseManifest(again.manifestBytes(), "test");
    ASSERT_EQ(manifest.layers.size(), 2u);
    EXPECT_EQ(manifest.layers[0], first.manifest().layers[0]);
    EXPECT_EQ(manifest.config.digest, crypto::sha256Digest(again.configBytes()));
}

TEST(AttachmentImage, DockerMediaTypesSwitchManifestAndConfigTypes) {
    AttachmentImage image = AttachmentImage::empty(true);
    image.append({oci::media_type::kCosignSimpleSigning, "x", {{kSignatureAnnotation, "eA=="}}});
    auto manifest = oci::parseManifest(image.manifestBytes(), "test");
    EXPECT_EQ(manifest.mediaType, oci::media_type::kDockerManifest);
    EXPECT_EQ(manifest.config.mediaType, oci::media_type::kDockerConfig);
}

TEST(AttachmentImage, MalformedRemoteManifestIsARegistryError) {
    for (std::string bad : {"", "[]", "{\"layers\":[]}", "{\"config\":{\"size\":\"x\"}}",
                            "{\"config\":{\"digest\":\"sha256:00\"},\"layers\":{}}"}) {
        EXPECT_THROW(AttachmentImage::fromParts(bad, "{}", "x:sha256-ab.sig"), Error) << bad;
    }
}

}  // namespace
}  // namespace signet::cosign
