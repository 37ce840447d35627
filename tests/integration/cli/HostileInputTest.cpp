// Trust boundaries, end to end: references that try to leave their repository ("../") are
// refused before signet sends the registry anything, and input files that are FIFOs, sockets or
// devices end the command at once with one line instead of blocking it.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sstream>
#include <thread>

#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/SocketFile.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;

const char* kPassword = "hostile-input-pw";

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

class HostileInput : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"SIGNET_REPORT", home_.path() + "/report.json"},
                {"COSIGN_PASSWORD", kPassword}};
        auto keys =
            runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/k"}, env_);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
        image_ = pushSmallImage(registry_, "team/app", "v1", "hostile input");
    }
    std::string key() const { return home_.path() + "/k.key"; }

    int requestsLogged() const { return registry_.requestsLogged(); }

    TestRegistry registry_;
    TempDir home_;
    Env env_;
    PushedImage image_;
};

// What a command said: `signet run` logs to stdout (the CI log), the others to stderr.
std::string diagnostics(const CommandResult& result, const std::string& command) {
    if (command == "run") return result.out + result.err;
    EXPECT_EQ(result.out, "");
    return result.err;
}

// Exit 1 and one diagnostic line naming the reference and the "..". `signet run` follows its
// diagnostic with its usual log (one "failed ... not attempted" line per reference and the
// summary), which repeats the same reason.
void expectRefusedReference(const CommandResult& result, const std::string& ref,
                            const std::string& command) {
    SCOPED_TRACE(command + " " + ref);
    EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
    auto lines = linesOf(diagnostics(result, command));
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0].rfind("signet " + command + ": ", 0), 0u) << result.err;
    EXPECT_NE(lines[0].find("invalid reference \"" + ref + "\": path component \"..\""),
              std::string::npos)
        << result.err;
    if (command == "sign") {
        EXPECT_EQ(lines.size(), 1u) << result.err;
    } else {
        EXPECT_LE(lines.size(), 3u) << result.err;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            bool report = lines[i].find("not attempted: invalid reference") != std::string::npos ||
                          lines[i].rfind("signet: ", 0) == 0;
            EXPECT_TRUE(report) << lines[i];
        }
    }
}

TEST_F(HostileInput, PathTraversalReferencesAreRefusedBeforeAnyRequest) {
    const std::string reg = registry_.host();
    const std::string digest = image_.digest;
    const std::vector<std::string> hostile = {reg + "/other/../victim:t@" + digest,
                                              reg + "/../../etc:t@" + digest};
    // Everything before this was pushing the image; settle so late log lines are counted now.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int before = requestsLogged();
    ASSERT_GT(before, 0) << "the registry log does not show requests; the check below is void";

    for (const auto& ref : hostile) {
        expectRefusedReference(runSignet({"sign", "--key", key(), ref}, env_), ref, "sign");

        Env run = env_;
        run["SIGNET_KEY"] = key();
        run["SIGNET_IMAGES"] = ref;
        expectRefusedReference(runSignet({"run"}, run), ref, "run");

        Env fromFile = env_;
        fromFile["SIGNET_KEY"] = key();
        writeFile(home_.path() + "/images.txt", "# built\n" + ref + "\n");
        fromFile["SIGNET_IMAGES_FILE"] = home_.path() + "/images.txt";
        expectRefusedReference(runSignet({"run"}, fromFile), ref, "run");

        Env fromYaml = env_;
        writeFile(home_.path() + "/task.yaml",
                  "images:\n  - \"" + ref + "\"\nkey: " + key() + "\n");
        fromYaml["SIGNET_CONFIG"] = home_.path() + "/task.yaml";
        expectRefusedReference(runSignet({"run"}, fromYaml), ref, "run");
    }
    // SIGNET_REPOSITORY + SIGNET_TAGS + SIGNET_DIGEST make the same reference.
    Env parts = env_;
    parts["SIGNET_KEY"] = key();
    parts["SIGNET_REPOSITORY"] = reg + "/other/../victim";
    parts["SIGNET_TAGS"] = "t";
    parts["SIGNET_DIGEST"] = digest;
    expectRefusedReference(runSignet({"run"}, parts), hostile[0], "run");

    // COSIGN_REPOSITORY would move the signature; it is checked before the image is looked up.
    Env moved = env_;
    moved["COSIGN_REPOSITORY"] = reg + "/../../etc";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"sign", "--key", key(), image_.ref()},
             {"verify", "--key", home_.path() + "/k.pub", image_.ref()},
             {"run", "--key", key(), "--image", image_.ref()}}) {
        auto result = runSignet(args, moved);
        SCOPED_TRACE(args[0]);
        EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
        auto lines = linesOf(diagnostics(result, args[0]));
        ASSERT_FALSE(lines.empty());
        EXPECT_NE(lines[0].find("COSIGN_REPOSITORY: invalid reference \"" + reg +
                                "/../../etc\": path component \"..\""),
                  std::string::npos)
            << result.err;
        if (args[0] != "run") {
            EXPECT_EQ(lines.size(), 1u) << result.err;
        }
    }

    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(requestsLogged(), before) << readFile(registry_.logFile());

    // The same registry does log what a valid command sends.
    ASSERT_EQ(runSignet({"sign", "--key", key(), image_.ref()}, env_).exitCode, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_GT(requestsLogged(), before);
}

struct SpecialFile {
    std::string path;
    std::string says;  // how the error line names what it is
};

// Where each input file goes: which command reads it, and how.
struct InputCase {
    std::string name;
    std::function<std::vector<std::string>(const std::string&)> args;
    std::function<void(Env&, const std::string&)> env;
};

TEST_F(HostileInput, FifosSocketsAndDevicesAsInputFilesEndAtOnceWithOneLine) {
    TempDir special;
    const std::string fifo = special.path() + "/fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    SocketFile socket(special.path() + "/sock");
    const std::vector<SpecialFile> files = {
        {fifo, "it is a FIFO (named pipe), not a regular file"},
        {special.path() + "/sock", "it is a socket, not a regular file"},
        {"/dev/null", "it is a character device, not a regular file"},
        {"/dev/zero", "it is a character device, not a regular file"},
    };
    const std::string ref = image_.ref();
    auto sign = [&](const std::string&) {
        return std::vector<std::string>{"sign", "--key", key(), ref};
    };
    auto run = [&](const std::string&) { return std::vector<std::string>{"run"}; };
    auto runEnv = [&](Env& env) {
        env["SIGNET_KEY"] = key();
        env["SIGNET_IMAGES"] = ref;
    };
    const std::vector<InputCase> inputs = {
        {"key",
         [&](const std::string& path) {
             return std::vector<std::string>{"sign", "--key", path, ref};
         },
         [](Env&, const std::string&) {}},
        {"password file", sign,
         [](Env& env, const std::string& path) {
             env.erase("COSIGN_PASSWORD");
             env["SIGNET_PASSWORD_FILE"] = path;
         }},
        {"CA file", sign,
         [](Env& env, const std::string& path) { env["SIGNET_REGISTRY_CA"] = path; }},
        {"docker config", sign,
         [](Env& env, const std::string& path) { env["DOCKER_CONFIG"] = path; }},
        {"task YAML", run,
         [&](Env& env, const std::string& path) {
             runEnv(env);
             env["SIGNET_CONFIG"] = path;
         }},
        {"images file", run,
         [&](Env& env, const std::string& path) {
             env["SIGNET_KEY"] = key();
             env["SIGNET_IMAGES_FILE"] = path;
         }},
    };
    for (const auto& input : inputs) {
        for (const auto& file : files) {
            SCOPED_TRACE(input.name + " " + file.path);
            Env env = env_;
            input.env(env, file.path);
            auto started = std::chrono::steady_clock::now();
            auto result = runSignet(input.args(file.path), env, std::chrono::seconds(5));
            auto took = std::chrono::steady_clock::now() - started;
            EXPECT_LT(took, std::chrono::seconds(5));
            EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
            const std::string command = input.args(file.path)[0];
            auto lines = linesOf(diagnostics(result, command));
            ASSERT_FALSE(lines.empty());
            EXPECT_NE(lines[0].find(file.path + ": " + file.says), std::string::npos) << result.err;
            // signet run adds only its summary line ("signet: 0 requested, ...").
            for (std::size_t i = 1; i < lines.size(); ++i)
                EXPECT_EQ(lines[i].rfind("signet: ", 0), 0u) << result.err;
            EXPECT_LE(lines.size(), command == "run" ? 2u : 1u) << result.out << result.err;
        }
    }
}

// Kubernetes mounts a Secret as name -> ..data/name with ..data -> ..<timestamp>/; every input
// file given that way (and through plain symbolic links) is still read.
TEST_F(HostileInput, SymlinkedAndKubernetesMountedInputFilesStillWork) {
    TestRegistry secured({RegistryAuth::Htpasswd, /*tls=*/true});
    auto image = pushSmallImage(secured, "team/secured", "v1", "symlinked inputs");
    TempDir volume;
    const std::string stamp = volume.path() + "/..2026_01_01_00_00_00.000000001";
    fs::create_directories(stamp);
    std::string auth = "{\"auths\":{\"" + secured.host() + "\":{\"username\":\"" +
                       secured.username() + "\",\"password\":\"" + secured.password() + "\"}}}";
    std::map<std::string, std::string> files = {
        {"cosign.key", readFile(key())},        {"cosign.password", kPassword},
        {"ca.pem", readFile(secured.caFile())}, {"config.json", auth},
        {"images.txt", image.ref() + "\n"},     {"task.yaml", "annotations:\n  mounted: \"yes\"\n"},
    };
    for (const auto& [name, content] : files) writeFile(stamp + "/" + name, content);
    fs::create_directory_symlink(stamp.substr(volume.path().size() + 1), volume.path() + "/..data");
    for (const auto& [name, content] : files)
        fs::create_symlink("..data/" + name, volume.path() + "/" + name);
    fs::create_symlink(volume.path() + "/cosign.key", home_.path() + "/linked.key");

    Env env = {{"HOME", home_.path()},
               {"SIGNET_REPORT", home_.path() + "/report.json"},
               {"SIGNET_KEY", home_.path() + "/linked.key"},
               {"SIGNET_PASSWORD_FILE", volume.path() + "/cosign.password"},
               {"SIGNET_REGISTRY_CA", volume.path() + "/ca.pem"},
               {"DOCKER_CONFIG", volume.path()},
               {"SIGNET_IMAGES_FILE", volume.path() + "/images.txt"},
               {"SIGNET_CONFIG", volume.path() + "/task.yaml"}};
    auto result = runSignet({"run"}, env);
    EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
    EXPECT_NE(result.err.find("1 requested, 1 signed"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace signet::testing
