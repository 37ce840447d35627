#include "config/TaskYaml.h"

#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

#include "config/SettingTable.h"
#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::config {
namespace {

constexpr std::size_t kMaxFileBytes = 1024 * 1024;

class YamlReader {
  public:
    explicit YamlReader(std::string fileName) : fileName_(std::move(fileName)) {}

    std::vector<RawSetting> read(const YAML::Node& root) {
        if (!root || root.IsNull()) return {};
        if (!root.IsMap()) fail(root, "(top level)", "must be a mapping of settings");
        readMap(root, "");
        return std::move(settings_);
    }

  private:
    std::string position(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        if (mark.is_null()) return fileName_;
        return fileName_ + ":" + std::to_string(mark.line + 1) + ":" +
               std::to_string(mark.column + 1);
    }

    [[noreturn]] void fail(const YAML::Node& node, const std::string& key,
                           const std::string& problem) const {
        throw Error(ErrorKind::Config, position(node) + ": " + key + ": " + problem);
    }

    static bool isSection(const std::string& name) {
        for (const auto& section : yamlSections()) {
            if (section == name) return true;
        }
        return false;
    }

    void readMap(const YAML::Node& map, const std::string& prefix) {
        std::set<std::string> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const YAML::Node keyNode = it->first;
            const YAML::Node value = it->second;
            if (!keyNode.IsScalar()) fail(keyNode, prefix + "?", "keys must be plain strings");
            const std::string key = prefix + keyNode.Scalar();
            if (!seen.insert(key).second) fail(keyNode, key, "duplicate key");
            if (prefix.empty() && isSection(key)) {
                if (value.IsNull()) continue;
                if (!value.IsMap()) fail(value, key, "must be a mapping");
                readMap(value, key + ".");
                continue;
            }
            const SettingDef* def = findSetting(key);
            if (def == nullptr || !def->inYaml) fail(keyNode, key, unknownKeyProblem(prefix));
            readValue(*def, value);
        }
    }

    static std::string unknownKeyProblem(const std::string& prefix) {
        std::string known;
        for (const auto& def : settingTable()) {
            if (!def.inYaml || def.key.rfind(prefix, 0) != 0) continue;
            std::string rest = def.key.substr(prefix.size());
            rest = rest.substr(0, rest.find('.'));
            if (known.find(" " + rest + ",") != std::string::npos) continue;
            known += " " + rest + ",";
        }
        if (!known.empty()) known.pop_back();
        return "unknown key (known keys:" + known + ")";
    }

    void readValue(const SettingDef& def, const YAML::Node& value) {
        if (value.IsNull()) return;
        RawSetting setting{def.key, std::string(), position(value) + ": " + def.key};
        if (value.IsScalar()) {
            setting.value = value.Scalar();
        } else if (value.IsSequence()) {
            setting.value = sequence(def, value);
        } else if (value.IsMap()) {
            setting.value = mapping(def, value);
        } else {
            fail(value, def.key, "unsupported value");
        }
        settings_.push_back(std::move(setting));
    }

    std::vector<std::string> sequence(const SettingDef& def, const YAML::Node& value) const {
        const bool listKind = def.kind == ValueKind::List || def.kind == ValueKind::Platforms ||
                              def.kind == ValueKind::Annotations;
        if (!listKind) fail(value, def.key, "must be a single value, got a list");
        std::vector<std::string> items;
        for (const auto& item : value) {
            if (!item.IsScalar()) fail(item, def.key, "list items must be strings");
            items.push_back(item.Scalar());
        }
        return items;
    }

    std::map<std::string, std::string> mapping(const SettingDef& def,
                                               const YAML::Node& value) const {
        if (def.kind == ValueKind::List || def.kind == ValueKind::Platforms) {
            fail(value, def.key, "must be a list, got a mapping");
        }
        if (def.kind != ValueKind::Annotations) {
            fail(value, def.key, "must be a single value, got a mapping");
        }
        std::map<std::string, std::string> entries;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!it->first.IsScalar()) fail(it->first, def.key, "keys must be plain strings");
            if (it->second.IsNull()) {
                entries[it->first.Scalar()] = "";
                continue;
            }
            if (!it->second.IsScalar()) fail(it->second, def.key, "values must be strings");
            if (!entries.emplace(it->first.Scalar(), it->second.Scalar()).second) {
                fail(it->first, def.key, "duplicate annotation " + it->first.Scalar());
            }
        }
        return entries;
    }

    std::string fileName_;
    std::vector<RawSetting> settings_;
};

}  // namespace

std::vector<RawSetting> parseTaskYaml(const std::string& text, const std::string& fileName) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        const std::string where = e.mark.is_null()
                                      ? fileName
                                      : fileName + ":" + std::to_string(e.mark.line + 1) + ":" +
                                            std::to_string(e.mark.column + 1);
        throw Error(ErrorKind::Config, where + ": (syntax): " + e.msg);
    }
    try {
        return YamlReader(fileName).read(root);
    } catch (const YAML::Exception& e) {
        throw Error(ErrorKind::Config, fileName + ": (structure): " + e.msg);
    }
}

std::vector<RawSetting> readTaskYaml(const std::string& path) {
    std::string text;
    try {
        text = io::readFileContents(path, kMaxFileBytes, ErrorKind::Config, "task YAML",
                                    ErrorKind::Config);
    } catch (const Error& e) {
        throw Error(e.kind(), std::string(e.what()) + "; check SIGNET_CONFIG / --config");
    }
    return parseTaskYaml(text, path);
}

}  // namespace signet::config
