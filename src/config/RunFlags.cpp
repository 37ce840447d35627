#include "config/RunFlags.h"

#include "config/HelpLayout.h"

#include <map>

#include "config/CommandLine.h"
#include "config/SettingApplier.h"
#include "config/SettingTable.h"
#include "config/ValueParsing.h"
#include "error/Error.h"

namespace signet::config {
namespace {

bool isListKind(ValueKind kind) {
    return kind == ValueKind::List || kind == ValueKind::Annotations ||
           kind == ValueKind::Platforms;
}

// Flags become raw settings, each with the flag as its origin; an empty value (a Tekton param
// left empty) counts as not given. A list flag's values, from all its occurrences, are one
// setting.
class RunFlagCollector {
  public:
    void scalar(const SettingDef& def, const std::string& name, const std::string& value) {
        if (!trim(value).empty()) flags_.settings.push_back({def.key, value, name});
    }
    void listItem(const SettingDef& def, const std::string& name, const std::string& item) {
        PendingList& list = lists_[def.key];
        if (list.origin.empty()) list.origin = name;
        if (!trim(item).empty()) list.items.push_back(item);
    }
    void config(const std::string& value) {
        if (!trim(value).empty()) flags_.configPath = trim(value);
    }
    RunFlags finish() {
        for (auto& [key, list] : lists_) {
            if (!list.items.empty()) flags_.settings.push_back({key, list.items, list.origin});
        }
        return std::move(flags_);
    }

  private:
    struct PendingList {
        std::vector<std::string> items;
        std::string origin;
    };
    RunFlags flags_;
    std::map<std::string, PendingList> lists_;
};

}  // namespace

RunFlags parseRunFlags(const std::vector<std::string>& args) {
    RunFlagCollector collected;
    CommandLine line("run");
    line.add(
        {.names = {"--config"},
         .arity = FlagArity::Value,
         .take = [&](const std::string&, const std::string& value) { collected.config(value); }});
    for (const auto& def : settingTable()) {
        if (def.flags.empty()) continue;
        FlagSpec spec;
        spec.names = def.flags;
        if (def.kind == ValueKind::Bool) {
            spec.arity = FlagArity::Switch;
            spec.negatable = true;
        } else {
            spec.arity = isListKind(def.kind) ? FlagArity::Spread : FlagArity::Value;
        }
        const bool list = spec.arity == FlagArity::Spread;
        spec.take = [&collected, &def, list](const std::string& name, const std::string& value) {
            list ? collected.listItem(def, name, value) : collected.scalar(def, name, value);
        };
        line.add(std::move(spec));
    }
    // Arguments that are no flag's value are images, as --image's.
    for (const auto& image : line.parse(args, runUsage()))
        collected.listItem(*findSetting("images"), "--image", image);
    return collected.finish();
}

std::string runUsage() {
    return "usage: signet run [flags] [REF...]\n\nflags:\n" + runFlagsHelp();
}

void applyRunFlags(TaskSpec& spec, const RunFlags& flags) {
    applySettings(spec, flags.settings);
}

std::string settingHelpText(const SettingDef& def) {
    std::string text = def.help;
    if (!def.choices.empty()) {
        text += ": ";
        for (std::size_t i = 0; i < def.choices.size(); ++i)
            text += (i ? "|" : "") + def.choices[i];
    }
    std::string where;
    for (const auto& name : def.env) where += (where.empty() ? "" : ", ") + name;
    if (def.inYaml) where += (where.empty() ? "YAML " : ", YAML ") + def.key;
    if (!def.input.empty()) where += (where.empty() ? "input " : ", input ") + def.input;
    if (!where.empty()) text += " [" + where + "]";
    if (!def.defaultText.empty()) text += " (default " + def.defaultText + ")";
    return text;
}

std::string runFlagsHelp() {
    std::string help = helpLine("--config FILE", "the task YAML [SIGNET_CONFIG]");
    for (const auto& def : settingTable()) {
        if (def.flags.empty()) continue;
        std::string names;
        for (const auto& flag : def.flags) names += (names.empty() ? "" : ", ") + flag;
        if (def.kind == ValueKind::Bool) names += ", --no-" + def.flags.front().substr(2);
        if (def.kind != ValueKind::Bool) names += isListKind(def.kind) ? " VALUE..." : " VALUE";
        help += helpLine(names, settingHelpText(def));
    }
    return help;
}

}  // namespace signet::config
