// Every command's error path: the one-line error on stderr, nothing diagnostic on stdout (which
// carries data only, and in GitHub mode the workflow commands the runner reads). And a key
// password that is an ordinary word never garbles signet's own sentences.
#include <gtest/gtest.h>

#include <sstream>

#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

using Env = std::map<std::string, std::string>;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

struct Case {
    std::string command;  // the name in "signet NAME: …"
    std::vector<std::string> args;
};

class ErrorStreams : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"SIGNET_REPORT", home_.path() + "/report.json"}};
        ref_ = registry_.host() + "/none/such:1@sha256:" + std::string(64, 'a');
    }

    TestRegistry registry_;
    TempDir home_;
    Env env_;
    std::string ref_;
};

TEST_F(ErrorStreams, EveryCommandWritesItsErrorToStderrOnly) {
    const std::string missing = home_.path() + "/missing";
    const std::vector<Case> cases = {
        {"run", {"run"}},  // nothing to sign
        {"run", {"run", "--image", ref_, "--key", missing}},
        {"sign", {"sign", "--key", missing, ref_}},
        {"verify", {"verify", "--key", missing, ref_}},
        {"attest", {"attest", "--key", missing, "--predicate", missing, ref_}},
        {"verify-attestation", {"verify-attestation", "--key", missing, ref_}},
        {"attach", {"attach", "sbom", "--sbom", missing, "--key", missing, ref_}},
        {"sbom", {"sbom", "--format", "nonsense", ref_}},
        {"triangulate", {"triangulate", "--type", "nonsense", ref_}},
        {"generate-key-pair", {"generate-key-pair", "unexpected"}},
        {"import-key-pair", {"import-key-pair", "--key", missing}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.args.size() > 1 ? c.args[0] + " " + c.args[1] : c.args[0]);
        auto result = runSignet(c.args, env_);
        EXPECT_NE(result.exitCode, 0);
        EXPECT_EQ(result.out, "") << "stdout carries data only";
        ASSERT_FALSE(result.err.empty());
        EXPECT_NE(result.err.find("signet " + c.command + ": "), std::string::npos) << result.err;
    }
}

TEST_F(ErrorStreams, RunUnderGithubPutsOnlyWorkflowCommandsOnStdout) {
    Env env = env_;
    env["GITHUB_ACTIONS"] = "true";
    env["SIGNET_IMAGES"] = ref_;
    env["SIGNET_KEY"] = home_.path() + "/missing";
    auto result = runSignet({"run"}, env);
    EXPECT_EQ(result.exitCode, 1);
    for (const auto& line : lines(result.out)) EXPECT_EQ(line.rfind("::", 0), 0u) << line;
    EXPECT_NE(result.out.find("::error title=signet::" + ref_), std::string::npos) << result.out;
    EXPECT_NE(result.err.find("signet run: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("failed " + ref_), std::string::npos) << result.err;
}

// With the password "wrong" a scrubber that hid it everywhere printed "*** password for key".
TEST_F(ErrorStreams, CommonWordPasswordsLeaveSignetsSentencesIntact) {
    auto image = pushSmallImage(registry_, "words/app", "1", "words");
    const std::string keyPath = home_.path() + "/the-signet-key";
    Env keyEnv = env_;
    keyEnv["COSIGN_PASSWORD"] = "the right one 7";
    ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", keyPath}, keyEnv).exitCode, 0);
    const std::string sentence = "wrong password for key " + keyPath + ".key";
    for (const std::string word : {"wrong", "key", "the", "signet", "password"}) {
        SCOPED_TRACE(word);
        Env env = env_;
        env["COSIGN_PASSWORD"] = word;
        env["GITHUB_ACTIONS"] = "true";
        auto run = runSignet({"run", "--image", image.ref(), "--key", keyPath + ".key"}, env);
        EXPECT_EQ(run.exitCode, 1);
        EXPECT_NE(run.err.find("signet run: " + sentence + "\n"), std::string::npos) << run.err;
        EXPECT_NE(run.out.find("::error title=signet::" + image.ref() +
                               ": not attempted: " + sentence + "\n"),
                  std::string::npos)
            << run.out;
        EXPECT_NE(run.out.find("::add-mask::" + word + "\n"), std::string::npos) << run.out;

        auto sign = runSignet({"sign", "--key", keyPath + ".key", image.ref()}, env);
        EXPECT_EQ(sign.exitCode, 1);
        EXPECT_EQ(lines(sign.err), (std::vector<std::string>{"signet sign: " + sentence}));
        EXPECT_NE(sign.out.find("::add-mask::" + word + "\n"), std::string::npos) << sign.out;
    }
}

}  // namespace
}  // namespace signet::testing
