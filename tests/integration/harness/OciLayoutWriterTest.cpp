// Layers and OCI layouts read back by tools we did not write: GNU tar and umoci.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Command.h"
#include "harness/LayerArchive.h"
#include "harness/OciLayoutWriter.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

TEST(LayerArchiveTest, GnuTarReadsTheFilesBack) {
    TempDir dir;
    LayerArchive layer = makeLayerArchive({{"content.txt", "hello\n"}, {"etc/app/conf", "k=v"}});
    writeFile(dir.path() + "/layer.tar.gz", layer.gzip);
    writeFile(dir.path() + "/layer.tar", layer.tar);
    EXPECT_EQ(runCommand({"tar", "-xzOf", dir.path() + "/layer.tar.gz", "content.txt"}), "hello\n");
    EXPECT_EQ(runCommand({"tar", "-xOf", dir.path() + "/layer.tar", "etc/app/conf"}), "k=v");
    EXPECT_EQ(runCommand({"tar", "-tf", dir.path() + "/layer.tar"}),
              "content.txt\netc/\netc/app/\netc/app/conf\n");
    // The gzip blob decompresses to exactly the tar whose digest is the diff_id.
    EXPECT_EQ(runCommand({"gzip", "-dc", dir.path() + "/layer.tar.gz"}), layer.tar);
}

TEST(LayerArchiveTest, IsDeterministicAndContentSensitive) {
    LayerArchive a = makeLayerArchive({{"content.txt", "one"}});
    LayerArchive b = makeLayerArchive({{"content.txt", "one"}});
    LayerArchive c = makeLayerArchive({{"content.txt", "two"}});
    EXPECT_EQ(a.gzip, b.gzip);
    EXPECT_NE(a.tar, c.tar);
}

TEST(LayerArchiveTest, RejectsAbsolutePaths) {
    EXPECT_THROW(makeLayerArchive({{"/etc/passwd", "x"}}), std::invalid_argument);
    EXPECT_THROW(makeLayerArchive({{"", "x"}}), std::invalid_argument);
}

TEST(OciLayoutWriterTest, UmociUnpacksTheImage) {
    TempDir dir;
    OciLayoutWriter layout(dir.path() + "/layout");
    OciDescriptor manifest = layout.writeImage({{"content.txt", "from the harness"}});
    layout.tag(manifest, "v1");
    std::string manifestBytes =
        readFile(layout.dir() + "/blobs/sha256/" + manifest.digest.substr(7));
    EXPECT_EQ(crypto::sha256Digest(manifestBytes), manifest.digest);
    EXPECT_EQ(static_cast<long long>(manifestBytes.size()), manifest.size);

    runCommand(
        {"umoci", "unpack", "--rootless", "--image", layout.dir() + ":v1", dir.path() + "/bundle"});
    EXPECT_EQ(readFile(dir.path() + "/bundle/rootfs/content.txt"), "from the harness");
}

TEST(OciLayoutWriterTest, IndexListsPlatformsAndTagsAreNamed) {
    TempDir dir;
    OciLayoutWriter layout(dir.path() + "/layout");
    OciDescriptor amd64 = layout.writeImage({{"a", "1"}}, {"linux", "amd64", ""});
    OciDescriptor arm64 = layout.writeImage({{"a", "1"}}, {"linux", "arm64", "v8"});
    EXPECT_NE(amd64.digest, arm64.digest);  // the config names the platform
    OciDescriptor index = layout.writeIndex({amd64, arm64});
    layout.tag(index, "multi");
    layout.tag(amd64, "amd64-only");

    auto top = nlohmann::json::parse(readFile(layout.dir() + "/index.json"));
    ASSERT_EQ(top.at("manifests").size(), 2u);
    EXPECT_EQ(top["manifests"][0]["digest"], index.digest);
    EXPECT_EQ(top["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"], "multi");
    EXPECT_EQ(top["manifests"][1]["annotations"]["org.opencontainers.image.ref.name"],
              "amd64-only");
    auto list =
        nlohmann::json::parse(readFile(layout.dir() + "/blobs/sha256/" + index.digest.substr(7)));
    EXPECT_EQ(list["manifests"][1]["platform"]["variant"], "v8");
    EXPECT_EQ(list["manifests"][0]["platform"]["architecture"], "amd64");
    // skopeo (not our code) must be able to read the tagged single image.
    std::string inspected =
        runCommand({"skopeo", "inspect", "--raw", "oci:" + layout.dir() + ":amd64-only"});
    EXPECT_EQ(crypto::sha256Digest(inspected), amd64.digest);
}

}  // namespace
}  // namespace signet::testing
