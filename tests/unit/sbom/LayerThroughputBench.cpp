// A manual benchmark (disabled in CI): scans a gzip layer made with `tar czf` from this machine's
// /usr and prints MB/s. Run: signet_unit_tests --gtest_also_run_disabled_tests
//   --gtest_filter='*LayerThroughput*'
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "error/Error.h"
#include "sbom/SbomGenerator.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

TEST(LayerThroughputBench, DISABLED_HostUsrAsOneGzipLayer) {
    test::ScratchDir dir;
    std::string blob = dir.path() + "/usr.tar.gz";
    auto made = test::runProgram({"tar", "czf", blob, "-C", "/", "usr/bin", "usr/lib/go-1.19",
                                  "usr/lib/python3", "usr/share/doc", "usr/share/java",
                                  "var/lib/dpkg", "etc"});
    ASSERT_TRUE(made.exitCode == 0 || made.exitCode == 1) << made.output;  // 1: files changed
    auto sha256 = [&](const std::string& shell) {
        auto out = test::runProgram({"sh", "-c", shell + " | sha256sum"});
        return "sha256:" + out.output.substr(0, 64);
    };
    std::string digest = sha256("cat " + blob);
    std::string diffId = sha256("gzip -dc " + blob);
    auto generator = SbomGenerator::withDefaultCatalogers();
    std::ifstream in(blob, std::ios::binary);
    auto start = std::chrono::steady_clock::now();
    // Whole generator path (both digests verified) on a one-layer image served from the file.
    ImageInput input;
    input.manifestJson =
        R"({"schemaVersion":2,"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
        digest + R"(","size":0}]})";
    input.configJson = R"({"rootfs":{"diff_ids":[")" + diffId + R"("]}})";
    input.name = "bench";
    input.readLayer = [&](const LayerDescriptor&, const std::function<void(std::istream&)>& consume) {
        std::ifstream stream(blob, std::ios::binary);
        consume(stream);
    };
    Sbom sbom;
    try {
        sbom = generator.generate(input);
    } catch (const Error& e) {
        FAIL() << e.what();
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    in.seekg(0, std::ios::end);
    double megabytes = static_cast<double>(in.tellg()) / 1e6;
    std::cout << "scanned " << megabytes << " MB gzip in " << seconds << " s ("
              << megabytes / seconds << " MB/s compressed), " << sbom.packages.size()
              << " packages, " << sbom.warnings.size() << " warnings\n";
}

}  // namespace
}  // namespace signet::sbom
