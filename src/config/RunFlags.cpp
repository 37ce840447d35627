#include "config/RunFlags.h"

#include "config/HelpLayout.h"

#include <map>

#include "config/DidYouMean.h"
#include "config/SettingApplier.h"
#include "config/SettingTable.h"
#include "config/ValueParsing.h"
#include "error/Error.h"

namespace signet::config {
namespace {

bool isFlag(const std::string& arg) {
    return arg.size() > 2 && arg.rfind("--", 0) == 0;
}

bool isListKind(ValueKind kind) {
    return kind == ValueKind::List || kind == ValueKind::Annotations ||
           kind == ValueKind::Platforms;
}

bool isBoolWord(const std::string& text) {
    for (const char* word : {"true", "false", "yes", "no", "1", "0"}) {
        if (text == word) return true;
    }
    return false;
}

[[noreturn]] void usage(const std::string& message) {
    throw Error(ErrorKind::Usage, message + " (see signet run --help)");
}

class FlagParser {
  public:
    explicit FlagParser(const std::vector<std::string>& args) : args_(args) {}

    RunFlags parse() {
        while (pos_ < args_.size()) {
            const std::string& arg = args_[pos_++];
            if (!isFlag(arg)) {
                if (!trim(arg).empty()) addListItem(*findSetting("images"), "--image", arg);
                continue;
            }
            parseFlag(arg);
        }
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

    void parseFlag(const std::string& arg) {
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        const std::optional<std::string> inlineValue =
            eq == std::string::npos ? std::nullopt : std::optional(arg.substr(eq + 1));
        if (name == "--config") {
            setConfig(name, inlineValue);
            return;
        }
        const SettingDef* def = findSettingByFlag(name);
        if (def == nullptr && name.rfind("--no-", 0) == 0) {
            const SettingDef* positive = findSettingByFlag("--" + name.substr(5));
            if (positive != nullptr && positive->kind == ValueKind::Bool) {
                if (inlineValue) usage(name + " takes no value");
                flags_.settings.push_back({positive->key, std::string("false"), name});
                return;
            }
        }
        if (def == nullptr) {
            std::vector<std::string> known{"--config"};
            for (const auto& setting : settingTable())
                known.insert(known.end(), setting.flags.begin(), setting.flags.end());
            usage(name + ": unknown flag for signet run" + didYouMean(name, known));
        }
        if (def->kind == ValueKind::Bool) {
            parseBoolFlag(*def, name, inlineValue);
        } else if (isListKind(def->kind)) {
            parseListFlag(*def, name, inlineValue);
        } else {
            parseScalarFlag(*def, name, inlineValue);
        }
    }

    void setConfig(const std::string& name, const std::optional<std::string>& inlineValue) {
        const std::string value = inlineValue ? *inlineValue : requireNext(name);
        if (!trim(value).empty()) flags_.configPath = trim(value);
    }

    std::string requireNext(const std::string& name) {
        if (pos_ >= args_.size() || isFlag(args_[pos_])) usage(name + " needs a value");
        return args_[pos_++];
    }

    void parseBoolFlag(const SettingDef& def, const std::string& name,
                       const std::optional<std::string>& inlineValue) {
        std::string value = "true";
        if (inlineValue) {
            value = *inlineValue;
        } else if (pos_ < args_.size() && (isBoolWord(args_[pos_]) || args_[pos_].empty())) {
            value = args_[pos_++];
        }
        if (!trim(value).empty()) flags_.settings.push_back({def.key, value, name});
    }

    void parseScalarFlag(const SettingDef& def, const std::string& name,
                         const std::optional<std::string>& inlineValue) {
        const std::string value = inlineValue ? *inlineValue : requireNext(name);
        if (!trim(value).empty()) flags_.settings.push_back({def.key, value, name});
    }

    void parseListFlag(const SettingDef& def, const std::string& name,
                       const std::optional<std::string>& inlineValue) {
        if (inlineValue) {
            addListItem(def, name, *inlineValue);
            return;
        }
        // No value at all is tolerated: an empty Tekton array param may expand to nothing.
        while (pos_ < args_.size() && !isFlag(args_[pos_])) addListItem(def, name, args_[pos_++]);
    }

    void addListItem(const SettingDef& def, const std::string& name, const std::string& item) {
        PendingList& list = lists_[def.key];
        if (list.origin.empty()) list.origin = name;
        if (!trim(item).empty()) list.items.push_back(item);
    }

    const std::vector<std::string>& args_;
    std::size_t pos_ = 0;
    RunFlags flags_;
    std::map<std::string, PendingList> lists_;
};

}  // namespace

RunFlags parseRunFlags(const std::vector<std::string>& args) {
    return FlagParser(args).parse();
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
