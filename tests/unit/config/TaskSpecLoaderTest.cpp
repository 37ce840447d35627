#include "config/TaskSpecLoader.h"

#include <gtest/gtest.h>

#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

Environment envOf(std::map<std::string, std::string> vars) {
    return Environment(std::move(vars));
}

std::string loadError(const RunFlags& flags, const Environment& env) {
    try {
        loadTaskSpec(flags, env);
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected signet::Error";
    return "";
}

class TaskSpecLoader : public ::testing::Test {
  protected:
    void SetUp() override {
        yamlPath_ = dir_.file("task.yaml");
        testing::writeFile(yamlPath_,
                           "registry:\n  retries: 5\nfail_on: all\nidentity: repo\n"
                           "tags: [yaml-tag]\n");
    }
    Environment envWithYaml(std::map<std::string, std::string> vars) {
        vars["SIGNET_CONFIG"] = yamlPath_;
        return Environment(std::move(vars));
    }
    testing::ScopedTempDir dir_;
    std::string yamlPath_;
};

TEST_F(TaskSpecLoader, DefaultsWhenNothingIsSet) {
    TaskSpec spec = loadTaskSpec({}, Environment());
    EXPECT_EQ(spec.registry.retries, 3u);
    EXPECT_EQ(spec.registry.timeout, std::chrono::minutes(3));
    EXPECT_EQ(spec.registry.concurrency, 4u);
    EXPECT_EQ(spec.identity, cosign::IdentityMode::Tag);
    EXPECT_EQ(spec.signatureFormat, SignatureFormat::Legacy);
    EXPECT_EQ(spec.failOn, FailOn::Any);
    EXPECT_TRUE(spec.verifyTags);
    EXPECT_FALSE(spec.recursive);
    EXPECT_EQ(spec.outputs.report, "signet-report.json");
    EXPECT_EQ(spec.sbom.mode, SbomMode::Off);
    EXPECT_EQ(spec.sbom.maxBytes, 16u * 1024 * 1024);
    EXPECT_FALSE(spec.keyPassword);
    EXPECT_TRUE(spec.origins.empty());
}

TEST_F(TaskSpecLoader, PrecedenceFlagsOverInputsOverEnvOverYamlOverDefaults) {
    std::map<std::string, std::string> vars;
    EXPECT_EQ(loadTaskSpec({}, envWithYaml(vars)).registry.retries, 5u);  // YAML over default

    vars["SIGNET_RETRIES"] = "6";
    TaskSpec spec = loadTaskSpec({}, envWithYaml(vars));
    EXPECT_EQ(spec.registry.retries, 6u);  // env over YAML
    EXPECT_EQ(spec.origins.at("registry.retries"), "SIGNET_RETRIES");
    EXPECT_EQ(spec.failOn, FailOn::All);  // untouched YAML value stays

    vars["INPUT_RETRIES"] = "7";
    EXPECT_EQ(loadTaskSpec({}, envWithYaml(vars)).registry.retries, 6u);  // not in Actions
    vars["GITHUB_ACTIONS"] = "true";
    spec = loadTaskSpec({}, envWithYaml(vars));
    EXPECT_EQ(spec.registry.retries, 7u);  // action input over env
    EXPECT_EQ(spec.origins.at("registry.retries"), "INPUT_RETRIES");

    RunFlags flags = parseRunFlags({"--retries", "8"});
    spec = loadTaskSpec(flags, envWithYaml(vars));
    EXPECT_EQ(spec.registry.retries, 8u);  // flag over everything
    EXPECT_EQ(spec.origins.at("registry.retries"), "--retries");
}

TEST_F(TaskSpecLoader, ConfigFlagWinsOverSignetConfig) {
    const std::string other = dir_.file("other.yaml");
    testing::writeFile(other, "registry:\n  retries: 9\n");
    TaskSpec spec = loadTaskSpec(parseRunFlags({"--config", other}), envWithYaml({}));
    EXPECT_EQ(spec.registry.retries, 9u);
    EXPECT_EQ(spec.failOn, FailOn::Any);  // the SIGNET_CONFIG file was not read
}

TEST_F(TaskSpecLoader, ListsFromAHigherLevelReplaceLowerOnes) {
    TaskSpec spec = loadTaskSpec({}, envWithYaml({{"SIGNET_TAGS", "a\nb"}}));
    EXPECT_EQ(spec.tags, (std::vector<std::string>{"a", "b"}));
    spec = loadTaskSpec(parseRunFlags({"--tag", "c"}), envWithYaml({{"SIGNET_TAGS", "a\nb"}}));
    EXPECT_EQ(spec.tags, (std::vector<std::string>{"c"}));
    // An empty Tekton array does not wipe the lower level.
    spec = loadTaskSpec(parseRunFlags({"--tag", ""}), envWithYaml({{"SIGNET_TAGS", "a"}}));
    EXPECT_EQ(spec.tags, (std::vector<std::string>{"a"}));
}

TEST_F(TaskSpecLoader, GithubInputsHyphenSpellingFirstThenUnderscore) {
    Environment env({{"GITHUB_ACTIONS", "true"},
                     {"INPUT_SIGNATURE-FORMAT", "referrers"},
                     {"INPUT_SIGNATURE_FORMAT", "legacy-tag"},
                     {"INPUT_SBOM_ATTACH", "both"},
                     {"INPUT_FAIL-ON", ""},
                     {"INPUT_FAIL_ON", "all"},
                     {"SIGNET_IDENTITY", "repo"},
                     {"INPUT_IDENTITY", ""},
                     {"SIGNET_DIGEST", "sha256:" + std::string(64, 'd')},
                     {"INPUT_DIGEST", "\n"}});
    TaskSpec spec = loadTaskSpec({}, env);
    EXPECT_EQ(spec.signatureFormat, SignatureFormat::Bundle);
    EXPECT_EQ(spec.origins.at("signature_format"), "INPUT_SIGNATURE-FORMAT");
    EXPECT_EQ(spec.sbom.attach, SbomAttach::Both);
    EXPECT_EQ(spec.origins.at("sbom.attach"), "INPUT_SBOM_ATTACH");
    EXPECT_EQ(spec.failOn, FailOn::All);                    // empty hyphen spelling counts as unset
    EXPECT_EQ(spec.identity, cosign::IdentityMode::Repo);   // empty input leaves the env value
    EXPECT_EQ(spec.origins.at("digest"), "SIGNET_DIGEST");  // so does a whitespace-only one
}

TEST_F(TaskSpecLoader, GithubInputsWinOverWorkflowEnv) {
    Environment env({{"GITHUB_ACTIONS", "true"},
                     {"SIGNET_IMAGES", "from-env@sha256:1"},
                     {"INPUT_IMAGES", "a@sha256:1\nb@sha256:2"},
                     {"INPUT_KEY-PASSWORD", "s3cret"},
                     {"COSIGN_PASSWORD", "other"},
                     {"INPUT_REGISTRY-USERNAME", "bot"},
                     {"INPUT_REGISTRY-PASSWORD", "tok"}});
    TaskSpec spec = loadTaskSpec({}, env);
    EXPECT_EQ(spec.images, (std::vector<std::string>{"a@sha256:1", "b@sha256:2"}));
    ASSERT_TRUE(spec.keyPassword);
    EXPECT_EQ(spec.keyPassword->view(), "s3cret");
    EXPECT_EQ(spec.registry.username, "bot");
    EXPECT_EQ(spec.registry.password->view(), "tok");
}

TEST_F(TaskSpecLoader, ValidationErrorsNameTheInput) {
    Environment env({{"GITHUB_ACTIONS", "true"}, {"INPUT_FAIL-ON", "some"}});
    EXPECT_EQ(loadError({}, env), "INPUT_FAIL-ON: must be any or all, got 'some'");
    EXPECT_EQ(loadError({}, envOf({{"SIGNET_VERIFY_TAGS", "nope"}})),
              "SIGNET_VERIFY_TAGS: must be true, false, 1, 0, yes or no, got 'nope'");
    EXPECT_EQ(loadError(parseRunFlags({"--identity", "digest"}), Environment()),
              "--identity: must be tag or repo, got 'digest'");
    EXPECT_EQ(loadError({}, envOf({{"SIGNET_CONCURRENCY", "100"}})),
              "SIGNET_CONCURRENCY: must be from 1 to 64, got '100'");
}

TEST_F(TaskSpecLoader, CosignAliasesAndTheirOrder) {
    TaskSpec spec = loadTaskSpec({}, envOf({{"COSIGN_KEY", "cosign.key"},
                                            {"COSIGN_RECURSIVE", "yes"},
                                            {"COSIGN_TIMEOUT", "45s"}}));
    EXPECT_EQ(spec.key, "cosign.key");
    EXPECT_TRUE(spec.recursive);
    EXPECT_EQ(spec.registry.timeout, std::chrono::seconds(45));
    spec = loadTaskSpec({}, envOf({{"COSIGN_KEY", "cosign.key"}, {"SIGNET_KEY", "s.key"}}));
    EXPECT_EQ(spec.key, "s.key");
    EXPECT_EQ(spec.origins.at("key"), "SIGNET_KEY");
}

TEST_F(TaskSpecLoader, EmptyEnvironmentValuesAreUnsetExceptThePassword) {
    TaskSpec spec = loadTaskSpec({}, envOf({{"SIGNET_DIGEST", ""},
                                            {"SIGNET_RETRIES", ""},
                                            {"SIGNET_KEY_DIR", ""},
                                            {"COSIGN_PASSWORD", ""}}));
    EXPECT_FALSE(spec.digest);
    EXPECT_FALSE(spec.keyDir);
    EXPECT_FALSE(spec.repository);
    EXPECT_EQ(spec.registry.retries, 3u);
    ASSERT_TRUE(spec.keyPassword);  // set-but-empty = the empty password
    EXPECT_TRUE(spec.keyPassword->empty());
    EXPECT_FALSE(loadTaskSpec({}, Environment()).keyPassword);
}

TEST_F(TaskSpecLoader, EnvironmentListsAndAnnotations) {
    TaskSpec spec =
        loadTaskSpec({}, envOf({{"SIGNET_IMAGES", "a@sha256:1, b@sha256:2\nc@sha256:3 d@sha256:4"},
                                {"SIGNET_ANNOTATIONS", "team=core\nrun = 42 \n\n"},
                                {"SIGNET_INSECURE_REGISTRIES", "localhost:5000,127.0.0.1:5001"},
                                {"SIGNET_SBOM_PLATFORMS", "linux/amd64, linux/arm64"},
                                {"SIGNET_SBOM_MAX_BYTES", "1MiB"},
                                {"SIGNET_REPORT", "r.json"},
                                {"SIGNET_RESULTS_DIR", "/results"}}));
    EXPECT_EQ(spec.images.size(), 4u);
    EXPECT_EQ(spec.annotations,
              (std::map<std::string, std::string>{{"run", "42"}, {"team", "core"}}));
    EXPECT_EQ(spec.registry.insecure,
              (std::vector<std::string>{"localhost:5000", "127.0.0.1:5001"}));
    EXPECT_EQ(spec.sbom.platforms, (std::vector<std::string>{"linux/amd64", "linux/arm64"}));
    EXPECT_EQ(spec.sbom.maxBytes, 1024u * 1024);
    EXPECT_EQ(spec.outputs.report, "r.json");
    EXPECT_EQ(spec.outputs.resultsDir, "/results");
}

TEST_F(TaskSpecLoader, SbomFileModeNeedsAFileAndAFileNeedsTheMode) {
    EXPECT_EQ(loadError({}, envOf({{"SIGNET_SBOM", "file"}})),
              "SIGNET_SBOM: SBOM mode 'file' needs an SBOM file; set sbom.file (SIGNET_SBOM_FILE, "
              "--sbom-file, 'sbom.file' in the task YAML, the 'sbom-file' action input)");
    EXPECT_NE(loadError({}, envOf({{"SIGNET_SBOM_FILE", "x.json"}})).find("SIGNET_SBOM_FILE: "),
              std::string::npos);
    TaskSpec spec =
        loadTaskSpec({}, envOf({{"SIGNET_SBOM", "file"}, {"SIGNET_SBOM_FILE", "x.json"}}));
    EXPECT_EQ(spec.sbom.file, "x.json");
}

TEST_F(TaskSpecLoader, SecretsNeverAppearInDescribe) {
    Environment env({{"COSIGN_PASSWORD", "pw-123456"},
                     {"SIGNET_REGISTRY_PASSWORD", "regpw-987"},
                     {"SIGNET_REGISTRY_TOKEN", "tok-555"},
                     {"SIGNET_REGISTRY_USERNAME", "bot"}});
    TaskSpec spec = loadTaskSpec({}, env);
    const std::string text = describe(spec);
    for (const char* secret : {"pw-123456", "regpw-987", "tok-555"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
    EXPECT_NE(text.find("key_password: ***"), std::string::npos) << text;
    EXPECT_NE(text.find("username=bot"), std::string::npos);
    EXPECT_EQ(secretValues(spec), (std::vector<std::string>{"pw-123456", "regpw-987", "tok-555"}));
}

TEST(SecretValue, StreamsAsStarsAndCopiesKeepTheValue) {
    Secret secret("abc");
    std::ostringstream out;
    out << secret;
    EXPECT_EQ(out.str(), "***");
    Secret copy = secret;
    Secret moved = std::move(copy);
    EXPECT_EQ(moved.view(), "abc");
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is wiped
}

}  // namespace
}  // namespace signet::config
