#include "sbom/SbomGenerator.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sbom/image/ImageLayout.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::Compression;
using test::InMemoryImage;
using test::LayerBuilder;
using test::ManifestFormat;

LayerBuilder mixedLayer() {
    LayerBuilder layer;
    layer.file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
        .file("var/lib/dpkg/status", "Package: bash\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n")
        .file("app/node_modules/ms/package.json", R"({"name":"ms","version":"2.1.3"})")
        .file("usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
              "Name: six\nVersion: 1.16.0\n");
    return layer;
}

std::set<std::tuple<std::string, std::string, std::string, std::string>> identities(const Sbom& s) {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> out;
    for (const auto& p : s.packages) out.insert({p.type, p.name, p.version, p.purl});
    return out;
}

TEST(SbomGenerator, SamePackagesFromEveryManifestAndCompressionForm) {
    auto generator = SbomGenerator::withDefaultCatalogers();
    InMemoryImage ociGzip, ociZstd, ociTar(ManifestFormat::Oci), docker(ManifestFormat::Docker);
    ociGzip.add(mixedLayer(), Compression::Gzip);
    ociZstd.add(mixedLayer(), Compression::Zstd);
    ociTar.add(mixedLayer(), Compression::None);
    docker.add(mixedLayer(), Compression::Gzip);
    Sbom reference = generator.generate(ociGzip.input());
    EXPECT_EQ(reference.packages.size(), 3u);
    std::set<std::string> digests = {reference.image.manifestDigest};
    for (const InMemoryImage* image : {&ociZstd, &ociTar, &docker}) {
        Sbom other = generator.generate(image->input());
        EXPECT_EQ(identities(other), identities(reference));
        EXPECT_EQ(other.image.diffIds, reference.image.diffIds) << "same uncompressed tar";
        digests.insert(other.image.manifestDigest);
    }
    EXPECT_EQ(digests.size(), 4u);
    EXPECT_EQ(reference.image.manifestDigest, crypto::sha256Digest(ociGzip.manifestJson()));
    EXPECT_EQ(reference.image.architecture, "amd64");
}

TEST(SbomGenerator, IndexesAndUnknownLayerTypesAreRejectedUpFront) {
    std::string config = R"({"rootfs":{"type":"layers","diff_ids":[]}})";
    try {
        parseImageLayout(
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})",
            config);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Registry);
        EXPECT_NE(std::string(e.what()).find("pick one platform"), std::string::npos);
    }
    EXPECT_THROW(
        parseImageLayout(
            R"({"schemaVersion":2,"layers":[{"mediaType":"application/x-squashfs","digest":"sha256:00"}]})",
            R"({"rootfs":{"diff_ids":["sha256:00"]}})"),
        Error);
    EXPECT_THROW(
        parseImageLayout(R"({"schemaVersion":2,"layers":[]})", R"({"rootfs":{"diff_ids":["x"]}})"),
        Error);
    EXPECT_THROW(parseImageLayout("not json", config), Error);
    EXPECT_THROW(parseImageLayout("{}", "{}"), Error);
}

TEST(SbomGenerator, ErrorsNameTheImage) {
    InMemoryImage image;
    image.addRaw("not a tar at all, just bytes", "application/vnd.oci.image.layer.v1.tar",
                 "sha256:x");
    try {
        SbomGenerator::withDefaultCatalogers().generate(image.input("registry.test/team/app", "1"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Registry);
        EXPECT_EQ(std::string(e.what()).rfind("SBOM for registry.test/team/app: layer sha256:", 0),
                  0u)
            << e.what();
    }
}

TEST(SbomGenerator, HostileSymlinksInMetadataPathsAreHarmless) {
    InMemoryImage image;
    image.add(LayerBuilder()
                  .symlink("etc/os-release", "/etc/os-release")
                  .symlink("usr/share/doc/bash", "../../../../../../usr/share/doc/bash")
                  .file("var/lib/dpkg/status", "Package: bash\nVersion: 1\n")
                  .symlink("var/lib/dpkg/status.d", "/var/lib/dpkg/status.d"));
    Sbom sbom = SbomGenerator::withDefaultCatalogers().generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 1u);
    EXPECT_FALSE(sbom.distro);
    EXPECT_EQ(sbom.packages[0].purl, "");
}

TEST(SbomGenerator, ComplianceDropsNamelessAndStubsVersionless) {
    InMemoryImage image;
    image.add(LayerBuilder()
                  .file("usr/lib/python3/dist-packages/a.egg-info", "Version: 1.0\n")
                  .file("usr/lib/python3/dist-packages/b.egg-info", "Name: b\n"));
    Sbom sbom = SbomGenerator::withDefaultCatalogers().generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 1u);
    EXPECT_EQ(sbom.packages[0].version, "UNKNOWN");
}

}  // namespace
}  // namespace signet::sbom
