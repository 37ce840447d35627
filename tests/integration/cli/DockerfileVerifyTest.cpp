// `signet dockerfile verify` through the real registry: every image a Dockerfile builds from
// must carry a signature by the key; the exit code is verify's for the first that does not.
#include <gtest/gtest.h>

#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

class DockerfileVerify : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "df-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/k"}, env_)
                      .exitCode,
                  0);
        base_ = pushSmallImage(registry_, "df/base", "1", "base");
        tools_ = pushSmallImage(registry_, "df/tools", "2", "tools");
        writeFile(dockerfile(),
                  "ARG TOOLS_TAG=2\n"
                  "FROM " +
                      registry_.host() +
                      "/df/tools:${TOOLS_TAG} AS tools\n"
                      "FROM scratch AS empty\n"
                      "FROM ${BASE_IMAGE}\n"
                      "COPY --from=tools /bin/x /bin/x\n");
        env_["BASE_IMAGE"] = base_.ref();
    }
    std::string dockerfile() const { return home_.path() + "/Dockerfile"; }
    CommandResult verify(std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"dockerfile", "verify", "--key", home_.path() + "/k.pub"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(dockerfile());
        return runSignet(args, env_);
    }
    int sign(const PushedImage& image) {
        return runSignet({"sign", "--key", home_.path() + "/k.key", "--allow-tag-only",
                          image.repository + ":" + image.tag},
                         env_)
            .exitCode;
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
    PushedImage base_, tools_;
};

TEST_F(DockerfileVerify, EveryBaseImageMustBeSigned) {
    auto unsigned_ = verify();
    EXPECT_EQ(unsigned_.exitCode, 10) << unsigned_.err;  // no signatures on the first image
    EXPECT_NE(unsigned_.err.find("Extracted image(s): " + registry_.host() + "/df/tools:2, " +
                                 base_.ref()),
              std::string::npos)
        << unsigned_.err;
    EXPECT_NE(unsigned_.err.find("- scratch image ignored"), std::string::npos);

    ASSERT_EQ(sign(base_), 0);
    EXPECT_EQ(verify().exitCode, 10) << "tools is still unsigned";
    auto baseOnly = verify({"--base-image-only"});
    EXPECT_EQ(baseOnly.exitCode, 0) << baseOnly.err;
    EXPECT_NE(baseOnly.err.find("Extracted image(s): " + base_.ref() + "\n"), std::string::npos)
        << baseOnly.err;
    EXPECT_EQ(baseOnly.out.substr(0, 3), "\n[{") << "verify's JSON for the one image";

    ASSERT_EQ(sign(tools_), 0);
    auto all = verify({"-o", "text"});
    EXPECT_EQ(all.exitCode, 0) << all.err;
    EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 2) << all.out;

    // Signed by another key: 12, as verify.
    ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/other"}, env_)
                  .exitCode,
              0);
    auto wrongKey = runSignet(
        {"dockerfile", "verify", "--key", home_.path() + "/other.pub", dockerfile()}, env_);
    EXPECT_EQ(wrongKey.exitCode, 12) << wrongKey.err;
}

TEST_F(DockerfileVerify, MissingImagesAndBadFilesAreUsageErrors) {
    env_.erase("BASE_IMAGE");
    auto missingArg = verify();
    EXPECT_EQ(missingArg.exitCode, 1);
    EXPECT_NE(missingArg.err.find("is a build arg missing from the environment?"),
              std::string::npos)
        << missingArg.err;
    writeFile(dockerfile(), "FROM scratch\nRUN true\n");
    auto none = verify();
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("no images found in"), std::string::npos) << none.err;
    auto noSubcommand = runSignet({"dockerfile", dockerfile()}, env_);
    EXPECT_EQ(noSubcommand.exitCode, 1);
    EXPECT_NE(noSubcommand.err.find("dockerfile takes 'verify' first"), std::string::npos);
    EXPECT_EQ(runSignet({"dockerfile", "verify", "--help"}, env_).exitCode, 0);
}

}  // namespace
}  // namespace signet::testing
