#include "sbom/SbomGenerator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
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

// Layers are read several at once, yet squashed in order: the first layer is held back until
// the others are in flight, its file is removed by a later layer's whiteout, and a later layer
// replaces an earlier layer's dpkg status — the result is what sequential squashing gives.
TEST(SbomGenerator, LayersAreReadConcurrentlyAndSquashedInOrder) {
    InMemoryImage image;
    image.add(
        LayerBuilder()
            .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
            .file("var/lib/dpkg/status", "Package: old\nVersion: 1\nArchitecture: amd64\n")
            .file("app/node_modules/gone/package.json", R"({"name":"gone","version":"1.0.0"})"));
    image.add(LayerBuilder().file("app/node_modules/.wh.gone", ""));
    image.add(LayerBuilder().file("var/lib/dpkg/status",
                                  "Package: new\nVersion: 2\nArchitecture: amd64\n"));
    image.add(LayerBuilder().file("app/node_modules/kept/package.json",
                                  R"({"name":"kept","version":"3.0.0"})"));
    ImageInput input = image.input();
    std::mutex mutex;
    std::condition_variable changed;
    int inFlight = 0, mostInFlight = 0;
    LayerStreamer inner = input.readLayer;
    const std::string firstDigest = input.layout.layers[0].digest;
    input.readLayer = [&](const LayerDescriptor& layer,
                          const std::function<void(std::istream&)>& consume) {
        {
            std::unique_lock lock(mutex);
            mostInFlight = std::max(mostInFlight, ++inFlight);
            changed.notify_all();
            // All four meet here (read one at a time, each would wait out the timeout) ...
            changed.wait_for(lock, std::chrono::seconds(5), [&] { return mostInFlight >= 4; });
            if (layer.digest == firstDigest) {  // ... and the bottom layer finishes last.
                changed.wait_for(lock, std::chrono::seconds(5), [&] { return inFlight == 1; });
            }
        }
        inner(layer, consume);
        std::lock_guard lock(mutex);
        --inFlight;
        changed.notify_all();
    };
    ScanLimits limits;
    limits.layerConcurrency = 4;
    Sbom sbom = SbomGenerator::withDefaultCatalogers(limits).generate(input);
    EXPECT_EQ(mostInFlight, 4);
    std::set<std::string> names;
    for (const auto& p : sbom.packages) names.insert(p.name + "@" + p.version);
    EXPECT_EQ(names, (std::set<std::string>{"new@2", "kept@3.0.0"}));
    EXPECT_EQ(sbom.image.diffIds.size(), 4u);
}

// Of several broken layers the lowest is reported, whichever thread failed first.
TEST(SbomGenerator, TheFirstBrokenLayerInOrderIsTheOneReported) {
    for (int round = 0; round < 5; ++round) {
        InMemoryImage image;
        image.add(LayerBuilder().file("etc/a", "1"));
        image.addRaw("garbage one", "application/vnd.oci.image.layer.v1.tar", "sha256:one");
        image.addRaw("garbage two", "application/vnd.oci.image.layer.v1.tar", "sha256:two");
        ImageInput input = image.input();
        std::string second = input.layout.layers[1].digest;
        LayerStreamer inner = input.readLayer;
        input.readLayer = [&](const LayerDescriptor& layer,
                              const std::function<void(std::istream&)>& consume) {
            if (layer.digest == second) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            inner(layer, consume);
        };
        try {
            SbomGenerator::withDefaultCatalogers().generate(input);
            FAIL();
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("layer " + second), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace signet::sbom
