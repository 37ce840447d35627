// Every row of the setting table is reachable from each source it declares — each environment
// name, the YAML key, the action input, each flag — and what that source gave is either taken
// (the origin names the source) or refused with an error that names it.
#include <gtest/gtest.h>

#include <fstream>

#include "config/TaskSpecLoader.h"
#include "error/Error.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

using Vars = std::map<std::string, std::string>;

std::string sampleFor(const SettingDef& def) {
    switch (def.kind) {
        case ValueKind::Digest:
            return "sha256:" + std::string(64, 'a');
        case ValueKind::Annotations:
            return "team=signet";
        case ValueKind::Platforms:
            return "linux/arm64";
        case ValueKind::Bool:
            return "true";
        case ValueKind::Choice:
            return def.choices.back();
        case ValueKind::Count:
            return std::to_string(def.max > def.min ? def.min + 1 : def.min);
        case ValueKind::Duration:
            return "90s";
        case ValueKind::ByteSize:
            return "1MiB";
        case ValueKind::Text:
        case ValueKind::List:
        case ValueKind::SecretText:
            return "sample";
    }
    return "sample";
}

// The YAML for `key` ("a.b") = value, nested.
std::string yamlFor(const SettingDef& def, const std::string& value) {
    const auto dot = def.key.find('.');
    const bool list = def.kind == ValueKind::List || def.kind == ValueKind::Platforms;
    const std::string scalar = list ? "[\"" + value + "\"]" : "\"" + value + "\"";
    if (dot == std::string::npos) return def.key + ": " + scalar + "\n";
    return def.key.substr(0, dot) + ":\n  " + def.key.substr(dot + 1) + ": " + scalar + "\n";
}

// Loads with one source set: the key's origin is `expected` (or, with `contains`, holds it),
// or the load refused the value naming it. True when the value was taken.
bool expectReached(const SettingDef& def, const RunFlags& flags, const Environment& env,
                   const std::string& expected, bool contains = false) {
    SCOPED_TRACE(def.key + " from " + expected);
    try {
        TaskSpec spec = loadTaskSpec(flags, env);
        if (!spec.origins.count(def.key)) {
            ADD_FAILURE() << "not taken";
            return false;
        }
        const std::string& origin = spec.origins.at(def.key);
        if (contains) {
            EXPECT_NE(origin.find(expected), std::string::npos) << origin;
        } else {
            EXPECT_EQ(origin, expected);
        }
        return true;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
            << "refused without naming the source: " << e.what();
        return false;
    }
}

TEST(SettingSources, EveryRowIsReachableFromEachOfItsSources) {
    testing::ScopedTempDir dir;
    int reached = 0, taken = 0;
    for (const auto& def : settingTable()) {
        if (def.scope != SettingScope::Run) continue;
        const std::string value = sampleFor(def);
        for (const auto& name : def.env) {
            taken += expectReached(def, {}, Environment(Vars{{name, value}}), name);
            ++reached;
        }
        if (!def.input.empty()) {
            std::string variable = "INPUT_";
            for (char c : def.input) variable += static_cast<char>(std::toupper(c));
            taken += expectReached(def, {},
                                   Environment(Vars{{"GITHUB_ACTIONS", "true"}, {variable, value}}),
                                   variable);
            ++reached;
        }
        if (def.inYaml) {
            const std::string path = dir.file(std::to_string(reached) + ".yaml");
            std::ofstream(path) << yamlFor(def, value);
            taken +=
                expectReached(def, {}, Environment(Vars{{"SIGNET_CONFIG", path}}), def.key, true);
            ++reached;
        }
        for (const auto& flag : def.flags) {
            const RunFlags flags =
                def.kind == ValueKind::Bool ? parseRunFlags({flag}) : parseRunFlags({flag, value});
            taken += expectReached(def, flags, Environment(), flag);
            ++reached;
        }
    }
    EXPECT_GT(reached, 100) << "the table has rows and sources";
    // Only cross-setting rules (sbom.file needs sbom: file) refuse a lone sample value.
    EXPECT_GE(taken, reached - 8) << taken << " of " << reached << " taken";
}

TEST(SettingSources, ABadValueIsRefusedNamingWhereItCameFrom) {
    for (const auto& def : settingTable()) {
        if (def.scope != SettingScope::Run || def.env.empty()) continue;
        if (def.kind == ValueKind::Text || def.kind == ValueKind::List ||
            def.kind == ValueKind::SecretText)
            continue;  // any text is a value
        SCOPED_TRACE(def.key);
        const std::string& name = def.env.front();
        try {
            loadTaskSpec({}, Environment(Vars{{name, "\x01not-a-value"}}));
            ADD_FAILURE() << "accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config);
            EXPECT_EQ(std::string(e.what()).rfind(name, 0), 0u) << e.what();
        }
    }
}

}  // namespace
}  // namespace signet::config
