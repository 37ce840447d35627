#include "config/RunFlags.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::config {
namespace {

TaskSpec specFromFlags(const std::vector<std::string>& args) {
    TaskSpec spec;
    applyRunFlags(spec, parseRunFlags(args));
    return spec;
}

std::string usageError(const std::vector<std::string>& args) {
    try {
        specFromFlags(args);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "expected an error";
    return "";
}

TEST(RunFlags, RepeatedAndSpreadListFlags) {
    TaskSpec spec = specFromFlags({"--image", "a@sha256:1", "--image=b@sha256:2", "--images",
                                   "c@sha256:3", "", "d@sha256:4"});
    EXPECT_EQ(spec.images,
              (std::vector<std::string>{"a@sha256:1", "b@sha256:2", "c@sha256:3", "d@sha256:4"}));
    EXPECT_EQ(spec.origins.at("images"), "--image");
}

TEST(RunFlags, TektonEmptyArraysAreIgnored) {
    RunFlags flags = parseRunFlags({"--image", "", "--tag", "", "--annotation", "", "--tags"});
    EXPECT_TRUE(flags.settings.empty());
}

TEST(RunFlags, ScalarsBooleansAndNegation) {
    TaskSpec spec = specFromFlags({"--digest", "sha256:" + std::string(64, 'b'), "--repository=r",
                                   "--recursive", "--allow-tag-only", "true", "--no-verify-tags",
                                   "--fail-on", "all", "--report", "out.json", "--results-dir",
                                   "/res", "--sbom", "generate", "--timeout", "2m", "--key", "k"});
    EXPECT_EQ(spec.digest, "sha256:" + std::string(64, 'b'));
    EXPECT_EQ(spec.repository, "r");
    EXPECT_TRUE(spec.recursive);
    EXPECT_TRUE(spec.allowTagOnly);
    EXPECT_FALSE(spec.verifyTags);
    EXPECT_EQ(spec.origins.at("verify_tags"), "--no-verify-tags");
    EXPECT_EQ(spec.failOn, FailOn::All);
    EXPECT_EQ(spec.outputs.report, "out.json");
    EXPECT_EQ(spec.outputs.resultsDir, "/res");
    EXPECT_EQ(spec.sbom.mode, SbomMode::Generate);
    EXPECT_EQ(spec.registry.timeout, std::chrono::minutes(2));
    EXPECT_EQ(spec.key, "k");
}

TEST(RunFlags, BooleanFlagsTakeAnExplicitWord) {
    EXPECT_FALSE(specFromFlags({"--recursive", "false"}).recursive);
    EXPECT_FALSE(specFromFlags({"--recursive=no"}).recursive);
    EXPECT_TRUE(specFromFlags({"--verify-tags", "1"}).verifyTags);
    // A Tekton string param left empty: the flag is then not given at all.
    RunFlags flags = parseRunFlags({"--recursive", ""});
    EXPECT_TRUE(flags.settings.empty());
}

TEST(RunFlags, EmptyScalarValuesCountAsNotGiven) {
    RunFlags flags = parseRunFlags({"--digest", "", "--repository="});
    EXPECT_TRUE(flags.settings.empty());
}

TEST(RunFlags, AnnotationsFromRepeatedFlags) {
    TaskSpec spec = specFromFlags({"--annotation", "a=1", "b=2", "--annotation=c=3"});
    EXPECT_EQ(spec.annotations,
              (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}, {"c", "3"}}));
}

TEST(RunFlags, PositionalArgumentsAreImagesAndConfigIsSeparate) {
    RunFlags flags = parseRunFlags({"x@sha256:1", "--config", "t.yaml", "--sbom-platforms", "all"});
    EXPECT_EQ(flags.configPath, "t.yaml");
    TaskSpec spec;
    applyRunFlags(spec, flags);
    EXPECT_EQ(spec.images, (std::vector<std::string>{"x@sha256:1"}));
    EXPECT_TRUE(spec.sbom.platforms.empty());
}

TEST(RunFlags, UsageErrorsNameTheFlag) {
    EXPECT_EQ(usageError({"--digest"}), "--digest needs a value (see signet run --help)");
    EXPECT_EQ(usageError({"--digest", "--recursive"}),
              "--digest needs a value (see signet run --help)");
    EXPECT_EQ(usageError({"--frobnicate"}), "unknown flag --frobnicate (see signet run --help)");
    EXPECT_EQ(usageError({"--no-digest"}), "unknown flag --no-digest (see signet run --help)");
    EXPECT_EQ(usageError({"--no-recursive=yes"}),
              "--no-recursive takes no value (see signet run --help)");
    // There is no flag for secrets: they come from the environment only.
    EXPECT_NE(usageError({"--key-password", "x"}).find("unknown flag"), std::string::npos);
}

TEST(RunFlags, BadValuesAreConfigErrorsNamingTheFlag) {
    try {
        specFromFlags({"--fail-on", "some"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_EQ(std::string(e.what()), "--fail-on: must be any or all, got 'some'");
    }
}

// The help lays each flag out as the other commands do ("  --tag, --tags VALUE...  help
// [SIGNET_TAGS, ...]"); every setting with a flag is there with its help and variables.
TEST(RunFlags, HelpListsEveryFlagWithItsDescription) {
    const std::string help = runFlagsHelp();
    for (const char* flag :
         {"--config", "--image", "--tag", "--digest", "--repository", "--annotation", "--key",
          "--identity", "--recursive", "--no-recursive", "--allow-tag-only", "--verify-tags",
          "--no-verify-tags", "--fail-on", "--report", "--results-dir", "--sbom"}) {
        const bool listed = help.find(std::string("  ") + flag + " ") != std::string::npos ||
                            help.find(std::string("  ") + flag + ",") != std::string::npos ||
                            help.find(std::string(", ") + flag) != std::string::npos;
        EXPECT_TRUE(listed) << flag << " in\n" << help;
    }
    for (const auto& def : settingTable()) {
        if (def.flags.empty()) continue;
        EXPECT_NE(help.find(def.help), std::string::npos) << def.key;
        EXPECT_NE(help.find(def.env.front()), std::string::npos) << def.key;
    }
}

}  // namespace
}  // namespace signet::config
