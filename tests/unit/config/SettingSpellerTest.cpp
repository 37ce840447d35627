// Messages name a setting as the wrapper in use spells it: a flag, an action input, a Task param
// or workspace, a signImages argument; subcommands other than run name their own flags.
#include "config/SettingSpeller.h"

#include <gtest/gtest.h>

#include "error/SettingSpelling.h"

namespace signet::config {
namespace {

using Vars = std::map<std::string, std::string>;

std::string spell(Wrapper wrapper, const char* key, const char* value = "") {
    const SettingDef* def = findSetting(key);
    EXPECT_NE(def, nullptr) << key;
    return def ? spellSettingFor(wrapper, *def, value) : "";
}

TEST(SettingSpeller, TheCommandLineNamesRunsFlagsOrTheVariable) {
    EXPECT_EQ(spell(Wrapper::CommandLine, "allow_tag_only", "true"),
              "--allow-tag-only (SIGNET_ALLOW_TAG_ONLY=true)");
    EXPECT_EQ(spell(Wrapper::CommandLine, "verify_tags", "false"),
              "--no-verify-tags (SIGNET_VERIFY_TAGS=false)");
    EXPECT_EQ(spell(Wrapper::CommandLine, "registry.insecure", "r:5000"),
              "--insecure-registry r:5000 (SIGNET_INSECURE_REGISTRIES=r:5000)");
    EXPECT_EQ(spell(Wrapper::CommandLine, "key_password"), "COSIGN_PASSWORD");
}

TEST(SettingSpeller, GithubNamesTheActionsInputOrTheStepsEnv) {
    EXPECT_EQ(spell(Wrapper::Github, "key_password"), "the action input key-password");
    EXPECT_EQ(spell(Wrapper::Github, "identity", "repo"), "the action input identity: repo");
    EXPECT_EQ(spell(Wrapper::Github, "allow_tag_only", "true"),
              "the step's env SIGNET_ALLOW_TAG_ONLY=true");
}

TEST(SettingSpeller, TektonNamesTheTasksParamOrWorkspace) {
    EXPECT_EQ(spell(Wrapper::Tekton, "verify_tags", "false"), "the Task param VERIFY_TAGS=false");
    EXPECT_EQ(spell(Wrapper::Tekton, "key_dir"), "the signing-key workspace");
    EXPECT_EQ(spell(Wrapper::Tekton, "registry.timeout"), "the Task param TIMEOUT");
}

TEST(SettingSpeller, JenkinsNamesSignImagesArguments) {
    EXPECT_EQ(spell(Wrapper::Jenkins, "key_password"), "signImages(passwordCredentialsId: …)");
    EXPECT_EQ(spell(Wrapper::Jenkins, "sbom.mode", "generate"),
              "signImages(sbom: [mode: generate])");
    EXPECT_EQ(spell(Wrapper::Jenkins, "verify_tags", "false"),
              "the environment variable SIGNET_VERIFY_TAGS=false");
}

TEST(SettingSpeller, TheWrapperComesFromTheEnvironment) {
    EXPECT_EQ(wrapperFromEnvironment(Environment(), true), Wrapper::CommandLine);
    EXPECT_EQ(wrapperFromEnvironment(Environment(Vars{{"GITHUB_ACTIONS", "true"}}), true),
              Wrapper::Github);
    // `signet sign` in a workflow's run: step is typed by the user: flags, not inputs.
    EXPECT_EQ(wrapperFromEnvironment(Environment(Vars{{"GITHUB_ACTIONS", "true"}}), false),
              Wrapper::CommandLine);
    EXPECT_EQ(wrapperFromEnvironment(Environment(Vars{{"SIGNET_WRAPPER", "tekton"}}), true),
              Wrapper::Tekton);
    EXPECT_EQ(wrapperFromEnvironment(Environment(Vars{{"SIGNET_WRAPPER", "jenkins"}}), true),
              Wrapper::Jenkins);
    EXPECT_EQ(wrapperFromEnvironment(Environment(Vars{{"SIGNET_WRAPPER", "jenkins"}}), false),
              Wrapper::CommandLine);
}

TEST(SettingSpeller, InstalledSpellingServesEveryMessageAndSubcommandsNameTheirFlags) {
    installSpellingFor(Wrapper::CommandLine,
                       FlagSpellings{{"verify_tags=false", "--no-verify-tags"},
                                     {"registry.insecure", "--allow-http-registry"}});
    EXPECT_EQ(spellSetting("verify_tags", "false"), "--no-verify-tags");
    EXPECT_EQ(spellSetting("registry.insecure", "r:5000"), "--allow-http-registry");
    EXPECT_EQ(spellSetting("key_dir"), "SIGNET_KEY_DIR");  // sign has no --key-dir
    installSpellingFor(Wrapper::Tekton,
                       FlagSpellings{{"registry.insecure", "--allow-http-registry"}});
    EXPECT_EQ(spellSetting("registry.insecure", "r:5000"),
              "the Task param INSECURE_REGISTRIES=r:5000");
    installSpellingFor(Wrapper::CommandLine);
    EXPECT_EQ(spellSetting("registry.insecure", "r:5000"),
              "--insecure-registry r:5000 (SIGNET_INSECURE_REGISTRIES=r:5000)");
    EXPECT_EQ(spellSetting("no.such.setting", "x"), "no.such.setting=x");
}

}  // namespace
}  // namespace signet::config
