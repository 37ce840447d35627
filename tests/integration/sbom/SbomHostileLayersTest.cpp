// Hostile layers served by the real registry: `signet sbom` must finish in bounded time and
// memory with a result or one clear error line — never a crash, a hang or a write outside.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"
#include "harness/Paths.h"

namespace signet::testing {
namespace {

constexpr auto kTimeBound = std::chrono::seconds(90);
constexpr long kMemoryBoundKiB = 768 * 1024;  // far below the 1 GiB the bomb inflates to

struct HostileOutcome {
    CommandResult result;
    std::chrono::steady_clock::duration elapsed;
    long peakChildRssKiB;
};

class SbomHostileLayersTest : public ::testing::Test {
  protected:
    HostileOutcome scan(const std::string& tag) {
        PushedImage image = SbomFixtureImages::get().push(registry_, tag);
        auto start = std::chrono::steady_clock::now();
        CommandResult result = runSbom(registry_, {"-o", outputFile(tag), image.ref()});
        auto elapsed = std::chrono::steady_clock::now() - start;
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);  // the largest child waited for so far
        HostileOutcome outcome{result, elapsed, usage.ru_maxrss};
        if (result.exitCode == 0) {
            EXPECT_EQ(spdxSchemaErrors(outputFile(tag)), "") << tag;
        }
        return outcome;
    }

    std::string outputFile(const std::string& tag) const {
        return scratch_.path() + "/" + tag + ".spdx.json";
    }

    // Finished by itself, quickly, without a sanitizer report; a failure is one signet line.
    static void expectControlledEnd(const std::string& tag, const HostileOutcome& outcome) {
        const auto& result = outcome.result;
        EXPECT_TRUE(result.exitCode == 0 || result.exitCode == 2)
            << tag << " exit " << result.exitCode << "\n"
            << result.err;
        EXPECT_LT(outcome.elapsed, kTimeBound) << tag;
        EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("terminate called"), std::string::npos) << result.err;
        if (result.exitCode != 0) {
            std::string err = result.err;
            while (!err.empty() && err.back() == '\n') err.pop_back();
            EXPECT_FALSE(err.empty()) << tag;
            EXPECT_EQ(err.find('\n'), std::string::npos) << tag << ": not one line:\n" << err;
        }
    }

    TestRegistry registry_;
    TempDir scratch_;
};

TEST_F(SbomHostileLayersTest, DotDotAndAbsolutePathsWriteNothingOutside) {
    const std::string marker = "/tmp/signet-sbom-escape-marker";
    std::filesystem::remove(marker);
    auto outcome = scan("hostile-traversal");
    expectControlledEnd("hostile-traversal", outcome);
    EXPECT_FALSE(std::filesystem::exists(marker));
    // Accepted or refused, the climbing entry is named on stderr (warning or error).
    EXPECT_NE(outcome.result.err.find("signet-sbom-escape-marker"), std::string::npos)
        << outcome.result.err;
    EXPECT_FALSE(std::filesystem::exists("/etc/absolute-entry"));
}

TEST_F(SbomHostileLayersTest, AbsoluteSymlinksAndSymlinkLoopsTerminate) {
    auto outcome = scan("hostile-symlinks");
    expectControlledEnd("hostile-symlinks", outcome);
    if (outcome.result.exitCode == 0) {
        // var/lib/dpkg is an absolute symlink to /real inside the image: resolved within the
        // image it leads to real/status, so the one package there is the only deb.
        auto packages =
            spdxJsonPackages(nlohmann::json::parse(readFile(outputFile("hostile-symlinks"))));
        for (const auto& package : packages) {
            if (package.type == "deb") {
                EXPECT_EQ(package.name, "hostile-pkg");
            }
        }
    }
}

TEST_F(SbomHostileLayersTest, GzipBombIsStreamedNotBuffered) {
    auto outcome = scan("hostile-bomb");
    expectControlledEnd("hostile-bomb", outcome);
    EXPECT_LT(outcome.peakChildRssKiB, kMemoryBoundKiB);
}

TEST_F(SbomHostileLayersTest, HugeMetadataFilesAreBounded) {
    auto outcome = scan("hostile-metadata");
    expectControlledEnd("hostile-metadata", outcome);
    // Whatever signet does with a 256 MiB METADATA and a 64 MiB package.json (truncate, skip,
    // refuse), it says so naming the file.
    for (const char* path :
         {"huge_metadata-1.0.dist-info/METADATA", "app/node_modules/huge/package.json"}) {
        EXPECT_NE(outcome.result.err.find(path), std::string::npos)
            << path << " is not mentioned:\n"
            << outcome.result.err;
    }
    EXPECT_LT(outcome.peakChildRssKiB, kMemoryBoundKiB);
}

}  // namespace
}  // namespace signet::testing
