// GzipInflater (ISA-L) against what GNU gzip, igzip and libarchive write: the same bytes back,
// members in sequence, any chunking of the input, and every corruption or truncation refused.
#include "sbom/layer/GzipInflater.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "sbom/layer/LayerReader.h"
#include "sbom/layer/SquashedFilesystem.h"
#include "support/HostTools.h"
#include "support/LayerBuilder.h"

namespace signet::sbom {
namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Text-like bytes that compress but not trivially, deterministic.
std::string sampleBytes(std::size_t size) {
    std::mt19937 random(42);
    const std::string words[] = {"usr/lib/", "python3",        "node_modules",       "package.json",
                                 "\n",       "Version: 1.2.3", std::string(4, '\0'), "deadbeef"};
    std::string out;
    while (out.size() < size) {
        out += words[random() % 8];
        if (random() % 5 == 0) out += static_cast<char>(random() & 0xFF);
    }
    out.resize(size);
    return out;
}

// `program args… < file` compressed into a string ("gzip -9", "igzip -1"…).
std::string compressWith(const std::vector<std::string>& argv, const std::string& plain) {
    if (!test::haveProgram(argv[0])) {
        ADD_FAILURE() << argv[0] << " is missing (.ci/install-deps installs gzip and isal)";
        return "";
    }
    test::ScratchDir dir;
    signet::testing::writeFile(dir.path() + "/in", plain);
    std::vector<std::string> command = argv;
    command.push_back("-c");
    command.push_back(dir.path() + "/in");
    std::string shell;
    for (const auto& word : command) shell += "'" + word + "' ";
    auto result = test::runProgram({"sh", "-c", shell + "> '" + dir.path() + "/out'"});
    EXPECT_EQ(result.exitCode, 0) << result.output;
    return readFile(dir.path() + "/out");
}

// Inflates `gzip`, handing it over in chunks of `chunk` bytes, reading `readSize` at a time.
std::string inflate(const std::string& gzip, std::size_t chunk = 65536,
                    std::size_t readSize = 65536) {
    std::size_t at = 0;
    GzipInflater inflater(
        [&]() -> std::string_view {
            std::string_view next = std::string_view(gzip).substr(at, chunk);
            at += next.size();
            return next;
        },
        "test stream");
    std::string out, buffer(readSize, '\0');
    while (std::size_t n = inflater.read(buffer.data(), buffer.size())) out.append(buffer, 0, n);
    return out;
}

TEST(GzipInflater, InflatesWhatGzipAndIgzipWriteInAnyChunking) {
    std::string plain = sampleBytes(1 << 20);
    for (const auto& argv : std::vector<std::vector<std::string>>{
             {"gzip", "-1"}, {"gzip", "-9"}, {"igzip", "-1"}, {"igzip", "-3"}}) {
        std::string gzip = compressWith(argv, plain);
        ASSERT_GT(gzip.size(), 100u);
        EXPECT_EQ(inflate(gzip), plain) << argv[0] << argv[1];
        EXPECT_EQ(inflate(gzip, 7, 1000), plain) << argv[0] << argv[1] << " in 7-byte chunks";
        EXPECT_EQ(inflate(gzip, 1 << 20, 1), plain) << argv[0] << argv[1] << " one byte at a time";
    }
}

TEST(GzipInflater, MembersFollowOneAnotherAndTrailingBytesAreIgnored) {
    std::string a = sampleBytes(200000), b = sampleBytes(1000) + "second member";
    std::string gzip = compressWith({"gzip", "-6"}, a) + compressWith({"igzip", "-1"}, b);
    EXPECT_EQ(inflate(gzip), a + b);
    // Every split, including one between the second member's two magic bytes.
    std::size_t second = compressWith({"gzip", "-6"}, a).size();
    for (std::size_t chunk : {second, second + 1, second - 1, std::size_t{3}}) {
        EXPECT_EQ(inflate(gzip, chunk), a + b) << chunk;
    }
    EXPECT_EQ(inflate(gzip + std::string(1024, '\0')), a + b);  // tar-style zero padding
    EXPECT_EQ(inflate(compressWith({"gzip", "-1"}, "")), "");
}

TEST(GzipInflater, CorruptAndTruncatedStreamsAreRegistryErrors) {
    std::string plain = sampleBytes(100000);
    std::string gzip = compressWith({"gzip", "-6"}, plain);
    auto expectRefused = [](const std::string& bytes, const std::string& reason) {
        try {
            inflate(bytes);
            ADD_FAILURE() << "accepted: " << reason;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Registry);
            EXPECT_NE(std::string(e.what()).find("gzip stream is corrupt"), std::string::npos)
                << e.what();
        }
    };
    for (std::size_t cut = 1; cut <= 12; ++cut) {
        expectRefused(gzip.substr(0, gzip.size() - cut), "cut " + std::to_string(cut));
    }
    expectRefused(gzip.substr(0, gzip.size() / 2), "half");
    std::string badCrc = gzip;
    badCrc[badCrc.size() - 6] ^= 0x40;
    expectRefused(badCrc, "crc");
    std::string badLength = gzip;
    badLength[badLength.size() - 2] ^= 0x01;
    expectRefused(badLength, "isize");
    std::string badMethod = gzip;
    badMethod[2] = 7;
    expectRefused(badMethod, "method");
    std::string badBlock = gzip;
    for (std::size_t i = 20; i < 60; ++i) badBlock[i] = static_cast<char>(0xFF);
    expectRefused(badBlock, "deflate data");
    // A second member whose header is broken after a good magic is refused, not ignored.
    expectRefused(gzip + "\x1f\x8b\x09", "second header");
}

// A layer whose tar is split over two gzip members (written by two different compressors) is one
// tar: files from both halves, the diff_id over the whole tar, the digest over the blob's bytes.
TEST(GzipInflater, ALayerInTwoMembersIsOneTarAndBothDigestsHold) {
    test::LayerBuilder layer;
    layer.file("etc/first", std::string(300000, 'a')).file("etc/second", "second\n");
    std::string tar = layer.build(test::Compression::None);
    std::string blob = compressWith({"gzip", "-6"}, tar.substr(0, 200000)) +
                       compressWith({"igzip", "-1"}, tar.substr(200000));
    std::vector<FileRule> rules(1);
    rules[0].globs = {PathGlob("etc/**")};
    ScanLimits limits;
    ScanBudget budget;
    std::vector<std::string> warnings;
    LayerReader reader(rules, limits, budget, warnings);
    std::istringstream in(blob);
    SquashedFilesystem fs;
    fs.applyLayer(reader.read(in, crypto::sha256Digest(blob), crypto::sha256Digest(tar), 0));
    ASSERT_NE(fs.content("/etc/second"), nullptr);
    EXPECT_EQ(*fs.content("/etc/second"), "second\n");
    EXPECT_EQ(fs.content("/etc/first")->size(), 300000u);
    std::istringstream again(blob);
    EXPECT_THROW(reader.read(again, crypto::sha256Digest(blob + "x"), crypto::sha256Digest(tar), 1),
                 Error);
}

}  // namespace
}  // namespace signet::sbom
