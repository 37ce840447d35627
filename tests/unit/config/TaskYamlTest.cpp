#include "config/TaskYaml.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "config/SettingApplier.h"
#include "config/TaskSpecLoader.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

Environment envOf(std::map<std::string, std::string> vars) {
    return Environment(std::move(vars));
}

TaskSpec specFromYaml(const std::string& text) {
    TaskSpec spec;
    applySettings(spec, parseTaskYaml(text, "task.yaml"));
    return spec;
}

// The message of the signet::Error loading `text` throws (kind Config).
std::string yamlError(const std::string& text) {
    try {
        specFromYaml(text);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        return e.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return "";
}

TEST(TaskYaml, ExampleFileLoadsWithTheValuesItSpells) {
    const std::string path = testing::sourceDir() + "/task/signet.yaml";
    TaskSpec spec = loadTaskSpec({}, envOf({{"SIGNET_CONFIG", path}}));
    const std::string digest =
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    EXPECT_EQ(spec.images,
              (std::vector<std::string>{"registry.example.com/team/app:1.2.0@" + digest}));
    EXPECT_EQ(spec.tags, (std::vector<std::string>{"1.2", "latest"}));
    EXPECT_EQ(spec.digest, digest);
    EXPECT_EQ(spec.repository, "registry.example.com/team/app");
    EXPECT_FALSE(spec.allowTagOnly);
    EXPECT_TRUE(spec.verifyTags);
    EXPECT_FALSE(spec.recursive);
    EXPECT_EQ(spec.identity, cosign::IdentityMode::Tag);
    EXPECT_EQ(spec.annotations, (std::map<std::string, std::string>{{"git-sha", "0123abc"},
                                                                    {"pipeline", "release"}}));
    EXPECT_EQ(spec.key, "/workspace/signing-key/cosign.key");
    EXPECT_EQ(spec.signatureFormat, SignatureFormat::Legacy);
    EXPECT_EQ(spec.failOn, FailOn::Any);
    EXPECT_TRUE(spec.registry.insecure.empty());
    EXPECT_EQ(spec.registry.retries, 3u);
    EXPECT_EQ(spec.registry.timeout, std::chrono::minutes(3));
    EXPECT_EQ(spec.registry.concurrency, 4u);
    EXPECT_EQ(spec.outputs.report, "signet-report.json");
    EXPECT_EQ(spec.sbom.mode, SbomMode::Off);
    EXPECT_EQ(spec.sbom.format, sbom::DocumentFormat::SpdxJson);
    EXPECT_EQ(spec.sbom.attach, SbomAttach::Attestation);
    EXPECT_TRUE(spec.sbom.platforms.empty());
    EXPECT_EQ(spec.sbom.maxBytes, 16u * 1024 * 1024);
    // The origin points at the value: find its line in the file independently.
    const std::string text = testing::readFile(path);
    const std::size_t at = text.find("\n  retries: ");
    ASSERT_NE(at, std::string::npos);
    const auto line = std::count(text.begin(), text.begin() + static_cast<long>(at) + 1, '\n') + 1;
    EXPECT_EQ(spec.origins.at("registry.retries"),
              path + ":" + std::to_string(line) + ":12: registry.retries");
}

TEST(TaskYaml, EveryKeyOfEverySection) {
    TaskSpec spec = specFromYaml(R"(
images: "a@sha256:1, b@sha256:2"
images_file: refs.txt
identity: repo
recursive: yes
allow_tag_only: "true"
verify_tags: 0
signature_format: referrers
fail_on: all
key_dir: /keys
annotations: ["a=1", "b=2"]
registry: {insecure: [localhost:5000], ca_file: ca.pem, retries: 0, timeout: 90, concurrency: 16}
outputs: {report: out/r.json, results_dir: /tekton/results}
sbom:
  mode: file
  file: sbom.json
  format: cyclonedx-json
  attach: both
  platforms: [linux/amd64, linux/arm64/v8]
  max_bytes: 1048576
  dir: sboms
)");
    EXPECT_EQ(spec.images, (std::vector<std::string>{"a@sha256:1", "b@sha256:2"}));
    EXPECT_EQ(spec.imagesFile, "refs.txt");
    EXPECT_EQ(spec.identity, cosign::IdentityMode::Repo);
    EXPECT_TRUE(spec.recursive);
    EXPECT_TRUE(spec.allowTagOnly);
    EXPECT_FALSE(spec.verifyTags);
    EXPECT_EQ(spec.signatureFormat, SignatureFormat::Bundle);
    EXPECT_EQ(spec.failOn, FailOn::All);
    EXPECT_EQ(spec.keyDir, "/keys");
    EXPECT_EQ(spec.annotations, (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}}));
    EXPECT_EQ(spec.registry.insecure, (std::vector<std::string>{"localhost:5000"}));
    EXPECT_EQ(spec.registry.caFile, "ca.pem");
    EXPECT_EQ(spec.registry.retries, 0u);
    EXPECT_EQ(spec.registry.timeout, std::chrono::seconds(90));
    EXPECT_EQ(spec.registry.concurrency, 16u);
    EXPECT_EQ(spec.outputs.report, "out/r.json");
    EXPECT_EQ(spec.outputs.resultsDir, "/tekton/results");
    EXPECT_EQ(spec.sbom.mode, SbomMode::File);
    EXPECT_EQ(spec.sbom.file, "sbom.json");
    EXPECT_EQ(spec.sbom.format, sbom::DocumentFormat::CycloneDxJson);
    EXPECT_EQ(spec.sbom.attach, SbomAttach::Both);
    EXPECT_EQ(spec.sbom.platforms, (std::vector<std::string>{"linux/amd64", "linux/arm64/v8"}));
    EXPECT_EQ(spec.sbom.maxBytes, 1048576u);
    EXPECT_EQ(spec.sbom.dir, "sboms");
}

TEST(TaskYaml, EmptyDocumentAndNullValuesLeaveDefaults) {
    EXPECT_EQ(specFromYaml("").registry.retries, 3u);
    EXPECT_EQ(specFromYaml("# only a comment\n").registry.retries, 3u);
    TaskSpec spec = specFromYaml("digest:\nregistry:\nsbom: ~\n");
    EXPECT_FALSE(spec.digest);
    EXPECT_TRUE(spec.origins.empty());
}

TEST(TaskYaml, UnknownKeysNamePositionAndKnownKeys) {
    EXPECT_EQ(
        yamlError("images: [a]\nimagez: [b]\n").rfind("task.yaml:2:1: imagez: unknown key (", 0),
        0u);
    EXPECT_EQ(yamlError("registry:\n  retries: 2\n  retry: 3\n"),
              "task.yaml:3:3: registry.retry: unknown key (known keys: insecure, ca_file, "
              "retries, timeout, concurrency)");
    EXPECT_EQ(yamlError("outputs:\n  reports: x\n"),
              "task.yaml:2:3: outputs.reports: unknown key (known keys: report, results_dir)");
}

TEST(TaskYaml, SecretsAreNotAcceptedFromTheFile) {
    EXPECT_EQ(yamlError("key_password: hunter2\n").substr(0, 40),
              "task.yaml:1:1: key_password: unknown key");
    EXPECT_EQ(yamlError("registry:\n  password: hunter2\n").substr(0, 45),
              "task.yaml:2:3: registry.password: unknown key");
    EXPECT_EQ(yamlError("key_password: hunter2\n").find("hunter2"), std::string::npos);
}

TEST(TaskYaml, WrongTypesNameTheKeyAndPosition) {
    EXPECT_EQ(yamlError("identity: [tag]\n"),
              "task.yaml:1:11: identity: must be a single value, got a list");
    EXPECT_EQ(yamlError("fail_on: {a: b}\n"),
              "task.yaml:1:10: fail_on: must be a single value, got a mapping");
    EXPECT_EQ(yamlError("sbom: generate\n"), "task.yaml:1:7: sbom: must be a mapping");
    EXPECT_EQ(yamlError("images: [[a]]\n"), "task.yaml:1:10: images: list items must be strings");
    EXPECT_EQ(yamlError("annotations: {a: {b: c}}\n"),
              "task.yaml:1:18: annotations: values must be strings");
    EXPECT_EQ(yamlError("images: {a: b}\n"),
              "task.yaml:1:9: images: must be a list, got a mapping");
    EXPECT_EQ(yamlError("- images\n"), "task.yaml:1:1: (top level): must be a mapping of settings");
    EXPECT_EQ(yamlError("? [a]\n: b\n"), "task.yaml:1:3: ?: keys must be plain strings");
}

TEST(TaskYaml, BadValuesNameTheKeyAndPosition) {
    EXPECT_EQ(yamlError("fail_on: some\n"),
              "task.yaml:1:10: fail_on: must be any or all, got 'some'");
    EXPECT_EQ(yamlError("recursive: maybe\n"),
              "task.yaml:1:12: recursive: must be true, false, 1, 0, yes or no, got 'maybe'");
    EXPECT_EQ(yamlError("registry:\n  timeout: 3 minutes\n"),
              "task.yaml:2:12: registry.timeout: must be a duration like 90s, 3m, 1h or plain "
              "seconds, got '3 minutes'");
    EXPECT_EQ(yamlError("registry:\n  concurrency: 0\n"),
              "task.yaml:2:16: registry.concurrency: must be from 1 to 64, got '0'");
    EXPECT_EQ(yamlError("digest: sha256:abc\n").substr(0, 45),
              "task.yaml:1:9: digest: must be a digest like ");
    EXPECT_EQ(yamlError("sbom:\n  platforms: [linux]\n"),
              "task.yaml:2:14: sbom.platforms: must be all or a list of os/arch[/variant] "
              "platforms, got 'linux'");
    EXPECT_EQ(yamlError("repository: ''\n"), "task.yaml:1:13: repository: must not be empty");
    EXPECT_EQ(yamlError("annotations: [novalue]\n"),
              "task.yaml:1:14: annotations: annotations must be key=value, got 'novalue'");
}

TEST(TaskYaml, DuplicateKeysAreRejected) {
    EXPECT_EQ(yamlError("retries: 1\n"),
              "task.yaml:1:1: retries: unknown key (known keys: images, "
              "images_file, tags, digest, repository, allow_tag_only, "
              "verify_tags, recursive, identity, annotations, key, "
              "key_dir, signature_format, sigstore, fail_on, registry, outputs, "
              "sbom)");
    EXPECT_EQ(yamlError("key: a\nkey: b\n"), "task.yaml:2:1: key: duplicate key");
    EXPECT_EQ(yamlError("sbom:\n  mode: off\n  mode: file\n"),
              "task.yaml:3:3: sbom.mode: duplicate key");
}

TEST(TaskYaml, SyntaxErrorsCarryThePosition) {
    const std::string message = yamlError("images: [a, b\nkey: x\n");
    EXPECT_EQ(message.rfind("task.yaml:", 0), 0u) << message;
    EXPECT_NE(message.find(": (syntax): "), std::string::npos) << message;
    EXPECT_EQ(yamlError("a: b: c\n").substr(0, 16), "task.yaml:1:5: (") << yamlError("a: b: c\n");
}

TEST(TaskYaml, MissingFileNamesThePathAndTheVariable) {
    testing::ScopedTempDir dir;
    try {
        readTaskYaml(dir.file("absent.yaml"));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_EQ(std::string(e.what()), "cannot read task YAML " + dir.file("absent.yaml") +
                                             ": No such file or directory; check SIGNET_CONFIG / "
                                             "--config");
    }
    EXPECT_THROW(readTaskYaml(dir.path()), Error);
}

}  // namespace
}  // namespace signet::config
