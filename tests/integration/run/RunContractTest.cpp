// `signet run` as each CI system runs it, against the real registry: Tekton (results dir, Secret
// volume as key directory, docker config workspace), GitHub Actions (INPUT_* variables,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), Jenkins (environment + report file).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/Encoding.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;

const char* kPassword = "pw-Xy9!secret";

std::string sigLocation(const PushedImage& image) {
    return image.repository + ":sha256-" + image.digest.substr(7) + ".sig";
}

// A directory laid out like a mounted Kubernetes Secret: the files are symlinks into ..data.
void writeSecretVolume(const std::string& dir, const std::map<std::string, std::string>& files) {
    fs::create_directories(dir + "/..2026_11_22_00_00_00.000000001");
    for (const auto& [name, content] : files) {
        writeFile(dir + "/..2026_11_22_00_00_00.000000001/" + name, content);
    }
    fs::create_directory_symlink("..2026_11_22_00_00_00.000000001", dir + "/..data");
    for (const auto& [name, content] : files)
        fs::create_symlink("..data/" + name, dir + "/" + name);
}

class RunContract : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = {{"HOME", home_.path()}, {"SIGNET_INSECURE_REGISTRIES", registry_.host()}};
        Env keyEnv = base_;
        keyEnv["COSIGN_PASSWORD"] = kPassword;
        auto keys = runSignet(
            {"generate-key-pair", "--output-key-prefix", home_.path() + "/cosign"}, keyEnv);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
    }
    std::string key() const { return home_.path() + "/cosign.key"; }
    std::string pub() const { return home_.path() + "/cosign.pub"; }
    int verify(const std::string& ref) {
        return runSignet({"verify", "--key", pub(), ref}, base_).exitCode;
    }
    nlohmann::json readReport(const std::string& path) {
        return nlohmann::json::parse(readFile(path));
    }

    TestRegistry registry_;
    TempDir home_;
    Env base_;
};

TEST_F(RunContract, TektonResultsSecretVolumeAndReport) {
    auto image = pushSmallImage(registry_, "tekton/app", "1.0", "tekton");
    TempDir results, workspace, secret;
    writeSecretVolume(secret.path() + "/key", {{"cosign.key", readFile(key())},
                                               {"cosign.password", kPassword},
                                               {"cosign.pub", readFile(pub())}});
    Env env = base_;
    env["SIGNET_KEY_DIR"] = secret.path() + "/key";
    env["SIGNET_RESULTS_DIR"] = results.path();
    env["SIGNET_REPORT"] = workspace.path() + "/signet-report.json";
    // Tekton spreads array params into args: --image $(params.IMAGES[*]) with an empty element.
    auto run = runSignet({"run", "--image", image.ref(), "", "--annotation", "pipeline=p1"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;

    auto result = [&](const std::string& name) { return readFile(results.path() + "/" + name); };
    EXPECT_EQ(result("SIGNED_COUNT"), "1");
    EXPECT_EQ(result("FAILED_COUNT"), "0");
    EXPECT_EQ(result("SKIPPED_COUNT"), "0");
    EXPECT_EQ(result("SIGNATURE_REFS"), "[\"" + sigLocation(image) + "\"]");
    EXPECT_EQ(result("SBOM_REFS"), "[]");
    std::string report = readFile(workspace.path() + "/signet-report.json");
    EXPECT_EQ(result("REPORT_SHA256"), crypto::hexEncode(crypto::sha256(report)));
    for (const auto& entry : fs::directory_iterator(results.path())) {
        std::string name = entry.path().filename();
        EXPECT_FALSE(name.ends_with("IMAGE_URL") || name.ends_with("IMAGE_DIGEST") ||
                     name.starts_with("ARTIFACT_") || name == "IMAGES")
            << name;
    }
    auto doc = nlohmann::json::parse(report);
    EXPECT_EQ(doc["schema"], 1);
    EXPECT_EQ(doc["summary"]["signed"], 1);
    EXPECT_EQ(doc["signed"][0]["identity"], image.repository + ":1.0");
    EXPECT_EQ(doc["signed"][0]["location"], sigLocation(image));
    EXPECT_EQ(verify(image.ref()), 0);

    // Re-running is a no-op that still succeeds, counted as skipped.
    auto again = runSignet({"run", "--image", image.ref(), "--annotation", "pipeline=p1"}, env);
    ASSERT_EQ(again.exitCode, 0) << again.out;
    EXPECT_EQ(result("SIGNED_COUNT"), "0");
    EXPECT_EQ(result("SKIPPED_COUNT"), "1");
}

TEST_F(RunContract, TektonDockerConfigWorkspaceAuthenticates) {
    TestRegistry secured({RegistryAuth::Htpasswd, false});
    auto image = pushSmallImage(secured, "private/app", "v1", "private");
    TempDir dockerconfig, results;
    std::string auth = crypto::base64Encode(secured.username() + ":" + secured.password());
    writeFile(dockerconfig.path() + "/config.json",
              "{\"auths\":{\"" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    Env env = base_;
    env["SIGNET_INSECURE_REGISTRIES"] = secured.host();
    env["DOCKER_CONFIG"] = dockerconfig.path();
    env["SIGNET_KEY"] = key();
    env["COSIGN_PASSWORD"] = kPassword;
    env["SIGNET_RESULTS_DIR"] = results.path();
    env["SIGNET_REPORT"] = results.path() + "/../report-" + std::to_string(getpid()) + ".json";
    env["SIGNET_IMAGES"] = image.ref();
    auto run = runSignet({"run"}, env);
    EXPECT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(readFile(results.path() + "/SIGNED_COUNT"), "1");

    env.erase("DOCKER_CONFIG");
    auto denied = runSignet({"run"}, env);
    EXPECT_EQ(denied.exitCode, 3) << denied.out;
    EXPECT_EQ(readFile(results.path() + "/FAILED_COUNT"), "1");
    auto doc = readReport(env["SIGNET_REPORT"]);
    EXPECT_EQ(doc["failed"][0]["category"], "auth");
    fs::remove(env["SIGNET_REPORT"]);
}

TEST_F(RunContract, GithubInputsOutputsSummaryAndMasks) {
    auto image = pushSmallImage(registry_, "gh/app", "sha-1234", "github");
    runCommand({"skopeo", "copy", "--insecure-policy", "--src-tls-verify=false",
                "--dest-tls-verify=false", "docker://" + image.repository + ":sha-1234",
                "docker://" + image.repository + ":latest"});
    TempDir workspace;
    std::string output = workspace.path() + "/github_output";
    std::string summary = workspace.path() + "/step_summary";
    Env env = base_;
    env["GITHUB_ACTIONS"] = "true";
    env["GITHUB_WORKSPACE"] = workspace.path();
    env["GITHUB_OUTPUT"] = output;
    env["GITHUB_STEP_SUMMARY"] = summary;
    env["SIGNET_REPORT"] = workspace.path() + "/signet-report.json";
    // docker/metadata-action's tags output and build-push-action's digest, as the runner sets them.
    env["INPUT_TAGS"] = image.repository + ":sha-1234\n" + image.repository + ":latest\n";
    env["INPUT_DIGEST"] = image.digest;
    env["INPUT_KEY"] = key();
    env["INPUT_KEY-PASSWORD"] = kPassword;
    env["INPUT_FAIL-ON"] = "any";
    env["INPUT_RECURSIVE"] = "";  // an unset optional input arrives empty
    // A workflow-level env var must not override the action's `with:` inputs.
    env["SIGNET_TAGS"] = registry_.host() + "/elsewhere:x";
    env["SIGNET_DIGEST"] = "sha256:" + std::string(64, 'b');
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;

    std::string out = readFile(output);
    EXPECT_NE(out.find("signed-count=2\n"), std::string::npos) << out;
    EXPECT_NE(out.find("failed-count=0\n"), std::string::npos);
    EXPECT_NE(out.find("skipped-count=0\n"), std::string::npos);
    EXPECT_NE(out.find("report=" + env["SIGNET_REPORT"] + "\n"), std::string::npos);
    auto delimiterStart = out.find("signature-refs<<");
    ASSERT_NE(delimiterStart, std::string::npos);
    auto delimiterEnd = out.find('\n', delimiterStart);
    std::string delimiter = out.substr(delimiterStart + 16, delimiterEnd - delimiterStart - 16);
    EXPECT_GE(delimiter.size(), 16u);
    EXPECT_NE(out.find("signature-refs<<" + delimiter + "\n" + sigLocation(image) + "\n" +
                       delimiter + "\n"),
              std::string::npos)
        << out;

    std::string table = readFile(summary);
    EXPECT_NE(table.find("| " + image.repository + ":latest@" + image.digest), std::string::npos)
        << table;
    EXPECT_NE(run.out.find("::group::"), std::string::npos);
    EXPECT_NE(run.out.find("::add-mask::" + std::string(kPassword)), std::string::npos);
    EXPECT_EQ(run.err.find(kPassword), std::string::npos);
    EXPECT_EQ(verify(image.repository + ":latest@" + image.digest), 0);
}

TEST_F(RunContract, GithubFailureIsAnnotatedPerRef) {
    auto image = pushSmallImage(registry_, "gh/fail", "1", "ghfail");
    TempDir workspace;
    Env env = base_;
    env["GITHUB_ACTIONS"] = "true";
    env["GITHUB_OUTPUT"] = workspace.path() + "/out";
    env["SIGNET_REPORT"] = workspace.path() + "/report.json";
    env["INPUT_IMAGES"] =
        image.ref() + "," + image.repository + ":gone@sha256:" + std::string(64, 'c');
    env["INPUT_KEY"] = key();
    env["INPUT_KEY_PASSWORD"] = kPassword;  // the underscore spelling is accepted too
    auto run = runSignet({"run"}, env);
    EXPECT_EQ(run.exitCode, 2) << run.out;
    EXPECT_NE(run.out.find("::error title="), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(":gone@sha256:"), std::string::npos);
    std::string out = readFile(workspace.path() + "/out");
    EXPECT_NE(out.find("signed-count=1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("failed-count=1\n"), std::string::npos);

    env["INPUT_FAIL-ON"] = "all";
    EXPECT_EQ(runSignet({"run"}, env).exitCode, 0) << "fail_on all: something succeeded";
}

TEST_F(RunContract, JenkinsEnvironmentAndTaskYaml) {
    auto image = pushSmallImage(registry_, "jenkins/app", "2.0", "jenkins");
    TempDir workspace;
    std::string yaml = workspace.path() + "/signet.yaml";
    writeFile(yaml, "images:\n  - " + image.ref() +
                        "\nidentity: repo\nannotations:\n  "
                        "build: \"77\"\nregistry:\n  retries: 2\n  concurrency: 2\n");
    writeFile(workspace.path() + "/password", std::string(kPassword) + "\n");
    Env env = base_;
    env["SIGNET_CONFIG"] = yaml;
    env["SIGNET_KEY"] = key();
    env["SIGNET_PASSWORD_FILE"] = workspace.path() + "/password";
    env["SIGNET_REPORT"] = workspace.path() + "/signet-report.json";
    env["BUILD_URL"] = "http://jenkins.invalid/job/1/";
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    auto doc = readReport(env["SIGNET_REPORT"]);
    EXPECT_EQ(doc["signed"][0]["identity"], image.repository) << "identity: repo from the YAML";
    auto verified = runSignet({"verify", "--key", pub(), "-a", "build=77", image.ref()}, base_);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
}

TEST_F(RunContract, RecursiveSignsEveryPlatformManifest) {
    auto index = pushMultiPlatformImage(registry_, "multi/app", "1", "multi");
    TempDir workspace;
    Env env = base_;
    env["SIGNET_KEY"] = key();
    env["COSIGN_PASSWORD"] = kPassword;
    env["SIGNET_RECURSIVE"] = "true";
    env["SIGNET_REPORT"] = workspace.path() + "/report.json";
    auto run = runSignet({"run", index.index.ref()}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out;
    auto doc = readReport(env["SIGNET_REPORT"]);
    ASSERT_EQ(doc["signed"].size(), 1 + index.platforms.size());
    std::set<std::string> platforms;
    for (std::size_t i = 1; i < doc["signed"].size(); ++i) {
        platforms.insert(doc["signed"][i]["platform"].get<std::string>());
        EXPECT_EQ(doc["signed"][i]["identity"], index.index.repository + ":1");
    }
    EXPECT_EQ(platforms, (std::set<std::string>{"linux/amd64", "linux/arm64/v8"}));
    for (const auto& platform : index.platforms) {
        EXPECT_EQ(verify(index.index.repository + "@" + platform.digest), 0);
    }
}

TEST_F(RunContract, StdinLeftOpenDoesNotHang) {
    auto image = pushSmallImage(registry_, "stdin/app", "1", "stdin");
    Env env = base_;
    env["SIGNET_KEY"] = key();
    env["SIGNET_REPORT"] = home_.path() + "/stdin-report.json";
    // No password anywhere: cosign would read stdin here; signet must fail at once instead.
    std::string script =
        "coproc SLEEPER { exec sleep 60 2>/dev/null; }; \"$0\" run \"$1\" <&\"${SLEEPER[0]}\"; "
        "rc=$?; "
        "kill \"$SLEEPER_PID\"; exit $rc";
    CommandOptions options;
    options.extraEnv = env;
    options.timeout = std::chrono::seconds(20);
    auto start = std::chrono::steady_clock::now();
    auto run = runCommandForResult({"bash", "-c", script, signetBinary(), image.ref()}, options);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    EXPECT_NE(run.err.find("COSIGN_PASSWORD"), std::string::npos) << run.err;
    env["COSIGN_PASSWORD"] = kPassword;
    options.extraEnv = env;
    auto ok = runCommandForResult({"bash", "-c", script, signetBinary(), image.ref()}, options);
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
}

TEST_F(RunContract, FiftyRefsOverFiveRepositoriesAuthenticateOncePerRepository) {
    TestRegistry tokenRegistry({RegistryAuth::Token, false});
    std::vector<std::string> refs;
    for (int r = 0; r < 5; ++r) {
        std::string name = "fleet/app" + std::to_string(r);
        auto image = pushSmallImage(tokenRegistry, name, "t0", "fleet" + std::to_string(r));
        std::string manifest = fetchRawManifest(tokenRegistry, name + ":t0");
        TempDir copy;
        for (int t = 0; t < 10; ++t) {
            // Extra tags for the same manifest, via skopeo, as a pipeline would push them.
            if (t > 0) {
                std::vector<std::string> argv{"skopeo", "copy", "--insecure-policy"};
                for (const auto& a : tokenRegistry.skopeoSrcArgs()) argv.push_back(a);
                for (const auto& a : tokenRegistry.skopeoDestArgs()) argv.push_back(a);
                argv.push_back("docker://" + image.repository + ":t0");
                argv.push_back("docker://" + image.repository + ":t" + std::to_string(t));
                runCommand(argv);
            }
            refs.push_back(image.repository + ":t" + std::to_string(t) + "@" + image.digest);
        }
    }
    TempDir workspace;
    std::string images;
    for (const auto& ref : refs) images += ref + "\n";
    std::string auth =
        crypto::base64Encode(tokenRegistry.username() + ":" + tokenRegistry.password());
    writeFile(workspace.path() + "/config.json",
              "{\"auths\":{\"" + tokenRegistry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    Env env = base_;
    env["SIGNET_INSECURE_REGISTRIES"] = tokenRegistry.insecureHosts();
    env["DOCKER_CONFIG"] = workspace.path();
    env["SIGNET_IMAGES"] = images;
    env["SIGNET_KEY"] = key();
    env["COSIGN_PASSWORD"] = kPassword;
    env["SIGNET_CONCURRENCY"] = "8";
    env["SIGNET_REPORT"] = workspace.path() + "/report.json";
    int before = tokenRegistry.tokenRequests();
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(tokenRegistry.tokenRequests() - before, 5);
    auto doc = readReport(env["SIGNET_REPORT"]);
    EXPECT_EQ(doc["summary"]["signed"], 50);
    EXPECT_EQ(doc["summary"]["requested"], 50);
}

TEST_F(RunContract, SecretsNeverReachAnyOutput) {
    TestRegistry secured({RegistryAuth::Htpasswd, false});
    auto image = pushSmallImage(secured, "secret/app", "1", "secret");
    TempDir workspace, results;
    Env env = base_;
    env["GITHUB_ACTIONS"] = "true";
    env["GITHUB_OUTPUT"] = workspace.path() + "/out";
    env["GITHUB_STEP_SUMMARY"] = workspace.path() + "/summary";
    env["SIGNET_RESULTS_DIR"] = results.path();
    env["SIGNET_REPORT"] = workspace.path() + "/report.json";
    env["SIGNET_INSECURE_REGISTRIES"] = secured.host();
    env["INPUT_IMAGES"] =
        image.ref() + " " + secured.host() + "/secret/app:2@sha256:" + std::string(64, 'd');
    env["INPUT_KEY"] = key();
    env["INPUT_KEY-PASSWORD"] = kPassword;
    env["INPUT_REGISTRY-USERNAME"] = secured.username();
    env["INPUT_REGISTRY-PASSWORD"] = secured.password();
    auto run = runSignet({"run"}, env);
    EXPECT_EQ(run.exitCode, 2) << run.out;
    std::vector<std::string> written{run.err, readFile(env["GITHUB_OUTPUT"]),
                                     readFile(env["GITHUB_STEP_SUMMARY"]),
                                     readFile(env["SIGNET_REPORT"])};
    for (const auto& entry : fs::directory_iterator(results.path())) {
        written.push_back(readFile(entry.path()));
    }
    // stdout carries ::add-mask:: commands (which name the secret so the runner can hide it),
    // one for each secret including the derived base64(user:password); all the rest is scanned.
    const std::string basic = crypto::base64Encode(secured.username() + ":" + secured.password());
    for (const std::string& secret : {std::string(kPassword), secured.password(), basic}) {
        EXPECT_NE(run.out.find("::add-mask::" + secret + "\n"), std::string::npos) << run.out;
    }
    std::string out;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("::add-mask::", 0) != 0) out += line + "\n";
    }
    written.push_back(out);
    for (const auto& text : written) {
        EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
        EXPECT_EQ(text.find(secured.password()), std::string::npos) << text;
        EXPECT_EQ(text.find(crypto::base64Encode(secured.username() + ":" + secured.password())),
                  std::string::npos);
    }
}

TEST_F(RunContract, BadInputIsOneLineTheRightCodeAndAReport) {
    auto image = pushSmallImage(registry_, "bad/app", "1", "bad");
    TempDir workspace;
    std::string report = workspace.path() + "/report.json";
    std::string yaml = workspace.path() + "/signet.yaml";
    struct Case {
        std::string name;
        Env env;
        std::string yaml;
        int code;
        std::string needle;
        bool perRef;
    };
    std::string unreachable = "127.0.0.1:1/nothing/here:1@sha256:" + std::string(64, 'e');
    std::vector<Case> cases = {
        {"invalid yaml",
         {{"SIGNET_CONFIG", yaml}},
         "images: [unclosed\n",
         1,
         "signet.yaml:",
         false},
        {"unknown key", {{"SIGNET_CONFIG", yaml}}, "imagez: []\n", 1, "imagez", false},
        {"bad digest",
         {{"SIGNET_IMAGES", image.repository + ":1@sha256:1234"}, {"SIGNET_KEY", key()}},
         "",
         1,
         "invalid reference",
         true},
        {"missing key", {{"SIGNET_IMAGES", image.ref()}}, "", 1, "SIGNET_KEY", true},
        {"a tag without a digest",
         {{"SIGNET_IMAGES", image.repository + ":1"}, {"SIGNET_KEY", key()}},
         "",
         1,
         "refusing to sign a tag without a digest",
         true},
        {"missing password",
         {{"SIGNET_IMAGES", image.ref()}, {"SIGNET_KEY", key()}},
         "",
         1,
         "COSIGN_PASSWORD",
         true},
        {"unreadable key dir",
         {{"SIGNET_IMAGES", image.ref()}, {"SIGNET_KEY_DIR", workspace.path() + "/nokeys"}},
         "",
         1,
         "nokeys",
         true},
        {"unreachable registry",
         {{"SIGNET_IMAGES", unreachable},
          {"SIGNET_KEY", key()},
          {"COSIGN_PASSWORD", kPassword},
          {"SIGNET_RETRIES", "1"},
          {"SIGNET_INSECURE_REGISTRIES", "127.0.0.1:1"}},
         "",
         4,
         "127.0.0.1:1",
         true},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        fs::remove(report);
        if (!c.yaml.empty()) writeFile(yaml, c.yaml);
        Env env = base_;
        for (const auto& [k, v] : c.env) env[k] = v;
        env["SIGNET_REPORT"] = report;
        auto run = runSignet({"run"}, env);
        EXPECT_EQ(run.exitCode, c.code) << run.out << run.err;
        EXPECT_NE(run.err.find(c.needle), std::string::npos) << run.err;
        ASSERT_TRUE(fs::exists(report));
        auto doc = readReport(report);
        if (c.perRef) {
            ASSERT_EQ(doc["failed"].size(), 1u) << doc.dump();
            EXPECT_NE(doc["failed"][0]["message"].get<std::string>().find(c.needle),
                      std::string::npos)
                << doc.dump();
        } else {
            EXPECT_TRUE(doc.contains("error")) << doc.dump();
        }
    }
}

}  // namespace
}  // namespace signet::testing
