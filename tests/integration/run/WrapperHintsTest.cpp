// `signet run`'s hints name a setting as the wrapper running it spells it: the GitHub action's
// input, the Tekton Task's param or the step's env, the signImages argument under Jenkins, the
// flag and variable on the command line. Nothing here reaches a registry: the refusals come first.
#include <gtest/gtest.h>

#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

using Env = std::map<std::string, std::string>;

const std::string kDigest = "sha256:" + std::string(64, 'a');

// An encrypted cosign key (its password is "hello") given without any password.
Env withoutPassword(Env env, const TempDir& dir) {
    env["SIGNET_KEY"] = fixture("interop/cosign-keys/pemsigstorekey.pem");
    env["SIGNET_IMAGES"] = "127.0.0.1:1/app:1@" + kDigest;
    env["SIGNET_REPORT"] = dir.path() + "/report.json";
    return env;
}

std::string said(const CommandResult& result) {
    return result.out + result.err;
}

TEST(WrapperHints, AMissingPasswordNamesWhatEachWrapperCallsIt) {
    TempDir dir;
    const std::vector<std::pair<Env, std::string>> cases = {
        {{}, "give COSIGN_PASSWORD or SIGNET_PASSWORD_FILE"},
        {{{"GITHUB_ACTIONS", "true"}},
         "give the action input key-password or the step's env SIGNET_PASSWORD_FILE"},
        {{{"SIGNET_WRAPPER", "jenkins"}},
         "give signImages(passwordCredentialsId: …) or the environment variable "
         "SIGNET_PASSWORD_FILE"},
    };
    for (const auto& [wrapper, hint] : cases) {
        SCOPED_TRACE(hint);
        auto result = runSignet({"run"}, withoutPassword(wrapper, dir));
        EXPECT_NE(result.exitCode, 0);
        EXPECT_NE(said(result).find(hint), std::string::npos) << said(result);
    }
}

TEST(WrapperHints, ABareTagNamesTheSettingThatAllowsIt) {
    TempDir dir;
    Env env = withoutPassword({}, dir);
    env["SIGNET_IMAGES"] = "127.0.0.1:1/app:1";
    auto cli = runSignet({"run"}, env);
    EXPECT_EQ(cli.exitCode, 1);
    EXPECT_NE(said(cli).find("allow it with --allow-tag-only (SIGNET_ALLOW_TAG_ONLY=true)"),
              std::string::npos)
        << said(cli);
    env["SIGNET_WRAPPER"] = "tekton";
    auto tekton = runSignet({"run"}, env);
    EXPECT_EQ(tekton.exitCode, 1);
    // The Task has no param for it: the hint says so by naming the step's env.
    EXPECT_NE(said(tekton).find("allow it with the step's env SIGNET_ALLOW_TAG_ONLY=true"),
              std::string::npos)
        << said(tekton);
    // `signet sign` is typed by someone even inside a wrapper's step: its own flag.
    auto sign = runSignet({"sign", "--key", env["SIGNET_KEY"], "127.0.0.1:1/app:1"},
                          {{"SIGNET_WRAPPER", "tekton"}, {"COSIGN_PASSWORD", "hello"}});
    EXPECT_EQ(sign.exitCode, 1);
    EXPECT_NE(said(sign).find("allow it with --allow-tag-only"), std::string::npos) << said(sign);
    EXPECT_EQ(said(sign).find("SIGNET_ALLOW_TAG_ONLY"), std::string::npos) << said(sign);
}

}  // namespace
}  // namespace signet::testing
