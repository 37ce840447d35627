#include "config/EnvironmentSettings.h"

#include <algorithm>
#include <cctype>

#include "config/SettingTable.h"
#include "config/ValueParsing.h"

namespace signet::config {
namespace {

std::string inputVariable(const std::string& id, bool underscores) {
    std::string name = "INPUT_";
    for (char c : id) {
        if (c == ' ' || (underscores && c == '-')) c = '_';
        name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return name;
}

}  // namespace

bool runsInGithubActions(const Environment& env) {
    return env.getOr("GITHUB_ACTIONS", "") == "true";
}

std::vector<RawSetting> settingsFromEnvironment(const Environment& env) {
    std::vector<RawSetting> settings;
    for (const auto& def : settingTable()) {
        if (def.scope != SettingScope::Run) continue;  // config/ reads those itself
        for (const auto& name : def.env) {
            auto value = env.get(name);
            if (!value || (trim(*value).empty() && !def.emptyIsValue)) continue;
            settings.push_back({def.key, *value, name});
            break;
        }
    }
    return settings;
}

std::vector<RawSetting> settingsFromGithubInputs(const Environment& env) {
    std::vector<RawSetting> settings;
    if (!runsInGithubActions(env)) return settings;
    for (const auto& def : settingTable()) {
        if (def.input.empty()) continue;
        for (bool underscores : {false, true}) {
            const std::string name = inputVariable(def.input, underscores);
            const std::string value = env.getOr(name, "");
            if (trim(value).empty()) continue;
            settings.push_back({def.key, value, name});
            break;
        }
    }
    return settings;
}

}  // namespace signet::config
