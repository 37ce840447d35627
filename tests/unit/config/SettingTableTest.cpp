// The setting table is the one list of settings: every environment variable config/ and cli/
// read is a row of it (or one of the ecosystem's own conventions), and its rows are whole.
#include "config/SettingTable.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "harness/Paths.h"

namespace signet::config {
namespace {

// Variables other tools define, which signet reads with their meaning (docker/podman auth files,
// credential helpers, kubeconfig, the GitHub runner's marker).
const std::set<std::string> kConventions = {"HOME",
                                            "PATH",
                                            "DOCKER_CONFIG",
                                            "REGISTRY_AUTH_FILE",
                                            "XDG_RUNTIME_DIR",
                                            "XDG_CONFIG_HOME",
                                            "KUBECONFIG",
                                            "KUBERNETES_SERVICE_HOST",
                                            "KUBERNETES_SERVICE_PORT",
                                            "GITHUB_ACTIONS"};

std::set<std::string> tableVariables() {
    std::set<std::string> names;
    for (const auto& def : settingTable()) names.insert(def.env.begin(), def.env.end());
    return names;
}

// Every "NAME" passed to env.get/getOr/isSet in the files under src/<folder>.
std::map<std::string, std::string> variablesReadIn(const std::string& folder) {
    std::map<std::string, std::string> found;  // name -> file
    const std::regex read(R"(env\.(?:get|getOr|isSet)\(\s*"([A-Z][A-Z0-9_]*)\"\s*[,)])");
    const std::regex prefixed(R"(env\.getOr\(\s*"([A-Z][A-Z0-9_]*_)\"\s*\+)");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::string(SIGNET_SOURCE_DIR) + "/src/" + folder)) {
        if (!entry.is_regular_file()) continue;
        const std::string text = testing::readFile(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), read), end; it != end; ++it)
            found[(*it)[1]] = entry.path().filename();
        for (std::sregex_iterator it(text.begin(), text.end(), prefixed), end; it != end; ++it)
            found[(*it)[1].str() + "*"] = entry.path().filename();
    }
    return found;
}

TEST(SettingTable, EveryVariableReadIsARow) {
    const auto table = tableVariables();
    std::size_t seen = 0;
    for (const std::string folder : {"config", "cli"}) {
        for (const auto& [name, file] : variablesReadIn(folder)) {
            ++seen;
            if (name.back() == '*') {  // "SIGNET_RESULT_" + NAME + "_PATH"
                const std::string prefix = name.substr(0, name.size() - 1);
                bool any = false;
                for (const auto& variable : table) any = any || variable.starts_with(prefix);
                EXPECT_TRUE(any) << prefix << "… read in " << file << " has no row";
                continue;
            }
            EXPECT_TRUE(table.count(name) || kConventions.count(name))
                << name << " is read in " << file << " but is not in the setting table";
        }
    }
    EXPECT_GE(seen, 25u) << "the scan found too few reads to be looking at the sources";
}

TEST(SettingTable, RowsAreWholeAndScopedConsistently) {
    std::set<std::string> variables;
    for (const auto& def : settingTable()) {
        SCOPED_TRACE(def.key);
        EXPECT_FALSE(def.help.empty());
        EXPECT_FALSE(def.env.empty());
        for (const auto& name : def.env) EXPECT_TRUE(variables.insert(name).second) << name;
        if (def.scope == SettingScope::Run) {
            EXPECT_TRUE(static_cast<bool>(def.store));
        } else {
            EXPECT_FALSE(static_cast<bool>(def.store));
            EXPECT_FALSE(def.inYaml);
            EXPECT_TRUE(def.flags.empty());
            EXPECT_TRUE(def.input.empty());
        }
        if (def.kind == ValueKind::Choice) {
            EXPECT_FALSE(def.choices.empty());
        }
    }
}

}  // namespace
}  // namespace signet::config
