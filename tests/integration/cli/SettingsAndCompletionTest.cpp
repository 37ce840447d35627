// Every command's --help, `signet settings` (the setting table the README's table and the
// wrappers' checks are compared with) and `signet completion` in real bash, zsh and fish.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "harness/Command.h"
#include "harness/Paths.h"
#include "harness/RequiredProgram.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

// The command names `signet --help` lists.
std::vector<std::string> commandNames() {
    auto result = runSignet({"--help"}, {});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    std::vector<std::string> names;
    std::istringstream lines(result.out.substr(result.out.find("commands:")));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line) && line.starts_with("  ")) {
        std::istringstream words(line);
        std::string name;
        words >> name;
        names.push_back(name);
    }
    return names;
}

TEST(CommandHelp, EveryCommandsHelpExitsZeroAndDescribesEveryFlag) {
    const auto names = commandNames();
    ASSERT_GE(names.size(), 12u);
    for (const auto& name : names) {
        SCOPED_TRACE(name);
        auto help = runSignet({name, "--help"}, {});
        ASSERT_EQ(help.exitCode, 0) << help.err;
        EXPECT_EQ(help.out.rfind("usage: signet " + name, 0), 0u) << help.out;
        std::istringstream lines(help.out);
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("  -")) continue;
            // "  NAMES<padding> DESCRIPTION": the description starts by column 33, or after
            // two spaces when the names are longer.
            const std::size_t gap = line.find("  ", 2);
            ASSERT_NE(gap, std::string::npos) << "no description: " << line;
            EXPECT_NE(line.find_first_not_of(' ', gap), std::string::npos)
                << "no description: " << line;
        }
    }
}

std::string readmeSettingsTable() {
    const std::string readme = readFile(std::string(SIGNET_SOURCE_DIR) + "/README.md");
    const std::string begin = "<!-- settings:begin (signet settings --markdown) -->\n";
    const std::string end = "<!-- settings:end -->";
    const auto from = readme.find(begin);
    const auto to = readme.find(end);
    if (from == std::string::npos || to == std::string::npos) return "(no settings markers)";
    return readme.substr(from + begin.size(), to - from - begin.size());
}

TEST(Settings, TheReadmesTableIsTheGeneratedOne) {
    auto markdown = runSignet({"settings", "--markdown"}, {});
    ASSERT_EQ(markdown.exitCode, 0) << markdown.err;
    const std::string readme = readmeSettingsTable();
    if (readme == markdown.out) return;
    std::istringstream want(markdown.out), have(readme);
    std::string wanted, had;
    int line = 0;
    while (true) {
        const bool more = static_cast<bool>(std::getline(want, wanted));
        const bool moreReadme = static_cast<bool>(std::getline(have, had));
        if (!more && !moreReadme) break;
        if (!more) wanted = "(end)";
        if (!moreReadme) had = "(end)";
        ++line;
        if (wanted != had) break;
    }
    ADD_FAILURE() << "README.md's settings table differs from `signet settings --markdown` at its "
                  << "line " << line << ":\n  README: " << had << "\n  signet: " << wanted
                  << "\nregenerate it between the settings markers";
}

TEST(Settings, JsonHasOneDescribedRowPerSettingAndEachVariableOnce) {
    auto result = runSignet({"settings", "--json"}, {});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto rows = nlohmann::json::parse(result.out);
    ASSERT_GE(rows.size(), 40u);
    std::set<std::string> keys, variables, inputs, flags;
    for (const auto& row : rows) {
        const std::string key = row.at("key");
        EXPECT_TRUE(keys.insert(key).second) << "key twice: " << key;
        EXPECT_FALSE(row.at("help").get<std::string>().empty()) << key;
        EXPECT_FALSE(row.at("env").empty()) << key << ": every setting has an environment name";
        for (const auto& name : row.at("env")) {
            EXPECT_TRUE(variables.insert(name).second) << "variable in two rows: " << name;
        }
        if (!row.at("input").get<std::string>().empty()) {
            EXPECT_TRUE(inputs.insert(row.at("input")).second) << key;
        }
        for (const auto& flag : row.at("flags")) {
            EXPECT_TRUE(flags.insert(flag).second) << "flag in two rows: " << flag;
        }
        if (row.at("scope") == "process") {
            EXPECT_FALSE(row.at("yaml").get<bool>()) << key;
            EXPECT_TRUE(row.at("flags").empty()) << key;
        }
    }
    for (const char* name : {"SIGNET_REQUEST_TIMEOUT", "SIGNET_WRITE_SETTLE_MS",
                             "COSIGN_REPOSITORY", "COSIGN_DOCKER_MEDIA_TYPES", "SIGNET_LOG_FORMAT",
                             "SOURCE_DATE_EPOCH", "SIGNET_REGISTRY", "SIGNET_RESULTS_MAX_BYTES"}) {
        EXPECT_TRUE(variables.count(name)) << name << " is read but has no row";
    }
}

std::string completionScript(const std::string& shell, const TempDir& dir) {
    auto result = runSignet({"completion", shell}, {});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    writeFile((dir.path() + "/" + "signet." + shell), result.out);
    return (dir.path() + "/" + "signet." + shell);
}

// What bash's programmable completion offers for `words` (the last one being completed).
std::string bashCompletes(const std::string& script, const std::string& words) {
    return runCommand({"bash", "-c",
                       "source " + script + "; COMP_WORDS=(" + words +
                           "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _signet; "
                           "printf '%s\\n' \"${COMPREPLY[@]}\""});
}

TEST(Completion, BashCompletesCommandsAndEachCommandsFlags) {
    TempDir dir;
    const std::string script = completionScript("bash", dir);
    EXPECT_EQ(bashCompletes(script, "signet si"), "sign\nsign-blob\n");
    const std::string verify = bashCompletes(script, "signet ver");
    EXPECT_NE(verify.find("verify\n"), std::string::npos) << verify;
    EXPECT_NE(verify.find("verify-attestation\n"), std::string::npos) << verify;
    EXPECT_NE(verify.find("version\n"), std::string::npos) << verify;
    const std::string signFlags = bashCompletes(script, "signet sign --");
    for (const char* flag : {"--key\n", "--annotations\n", "--yes\n", "--allow-http-registry\n",
                             "--recursive\n", "--tlog-upload\n"}) {
        EXPECT_NE(signFlags.find(flag), std::string::npos) << flag << " in " << signFlags;
    }
    const std::string runFlags = bashCompletes(script, "signet run --sb");
    EXPECT_NE(runFlags.find("--sbom-format\n"), std::string::npos) << runFlags;
    EXPECT_EQ(bashCompletes(script, "signet completion f"), "fish\n");
    EXPECT_EQ(runSignet({"completion", "tcsh"}, {}).exitCode, 1);
}

TEST(Completion, ZshAndFishLoadTheirScripts) {
    TempDir dir;
    requireProgram("zsh");
    requireProgram("fish");
    const std::string zsh = completionScript("zsh", dir);
    runCommand({"zsh", "-n", zsh});
    // compinit gives compdef; loading the script registers _signet for signet.
    const std::string registered =
        runCommand({"zsh", "-f", "-c",
                    "autoload -Uz compinit && compinit -u -d " + (dir.path() + "/" + "zcompdump") +
                        " && source " + zsh + " && print -r -- $_comps[signet]"});
    EXPECT_EQ(registered, "_signet\n");
    const std::string fish = completionScript("fish", dir);
    runCommand({"fish", "--no-execute", fish});
    const std::string offered = runCommand(
        {"fish", "--no-config", "-c", "source " + fish + "; complete -C 'signet sign --ke'"});
    EXPECT_EQ(offered.rfind("--key\t", 0), 0u) << offered;
    const std::string commands =
        runCommand({"fish", "--no-config", "-c", "source " + fish + "; complete -C 'signet at'"});
    EXPECT_NE(commands.find("attest\t"), std::string::npos) << commands;
    EXPECT_NE(commands.find("attach\t"), std::string::npos) << commands;
}

}  // namespace
}  // namespace signet::testing
