#include "config/SettingApplier.h"

#include "config/SettingTable.h"
#include "config/ValueParsing.h"
#include "error/Error.h"

namespace signet::config {
namespace {

using Text = std::string;
using List = std::vector<std::string>;
using Map = std::map<std::string, std::string>;

[[noreturn]] void fail(const RawSetting& setting, const std::string& problem) {
    throw Error(ErrorKind::Config, setting.origin + ": " + problem);
}

const Text& requireText(const RawSetting& setting, const char* what) {
    if (const auto* text = std::get_if<Text>(&setting.value)) return *text;
    fail(setting, std::string("must be ") + what + ", got " +
                      (std::holds_alternative<List>(setting.value) ? "a list" : "a map"));
}

// Text is split like an environment list; list items are trimmed, empty ones dropped
// (Tekton passes "" for an empty array param).
List toList(const RawSetting& setting) {
    if (const auto* text = std::get_if<Text>(&setting.value)) return splitList(*text);
    if (const auto* list = std::get_if<List>(&setting.value)) {
        List items;
        for (const auto& item : *list) {
            for (auto& piece : splitList(item)) items.push_back(std::move(piece));
        }
        return items;
    }
    fail(setting, "must be a list, got a map");
}

Map toAnnotations(const RawSetting& setting) {
    Map annotations;
    if (const auto* map = std::get_if<Map>(&setting.value)) {
        for (const auto& [key, value] : *map) {
            if (trim(key).empty()) fail(setting, "annotation keys must not be empty");
            annotations[trim(key)] = value;
        }
        return annotations;
    }
    List lines;
    if (const auto* text = std::get_if<Text>(&setting.value)) lines = splitLines(*text);
    if (const auto* list = std::get_if<List>(&setting.value)) {
        for (const auto& item : *list) {
            for (auto& line : splitLines(item)) lines.push_back(std::move(line));
        }
    }
    for (const auto& line : lines) {
        auto [key, value] = parseAnnotation(line, setting.origin);
        annotations.insert_or_assign(std::move(key), std::move(value));
    }
    return annotations;
}

List toPlatforms(const RawSetting& setting) {
    List platforms = toList(setting);
    if (platforms.size() == 1 && platforms.front() == "all") return {};
    for (const auto& platform : platforms) {
        const auto slash = platform.find('/');
        if (platform == "all" || slash == std::string::npos || slash == 0 ||
            slash + 1 == platform.size()) {
            fail(setting, "must be all or a list of os/arch[/variant] platforms, got " +
                              quoteForMessage(platform));
        }
    }
    return platforms;
}

std::string toNonEmptyText(const RawSetting& setting) {
    std::string value = trim(requireText(setting, "a string"));
    if (value.empty()) fail(setting, "must not be empty");
    return value;
}

SettingValue parse(const SettingDef& def, const RawSetting& setting) {
    switch (def.kind) {
        case ValueKind::Text:
            return toNonEmptyText(setting);
        case ValueKind::Digest:
            return parseDigest(requireText(setting, "a digest"), setting.origin);
        case ValueKind::List:
            return toList(setting);
        case ValueKind::Annotations:
            return toAnnotations(setting);
        case ValueKind::Platforms:
            return toPlatforms(setting);
        case ValueKind::Bool:
            return parseBool(requireText(setting, "a boolean"), setting.origin);
        case ValueKind::Choice:
            return ChoiceIndex{
                parseChoice(requireText(setting, "a string"), def.choices, setting.origin)};
        case ValueKind::Count:
            return parseCount(requireText(setting, "a number"), def.min, def.max, setting.origin);
        case ValueKind::Duration:
            return parseDuration(requireText(setting, "a duration"), setting.origin);
        case ValueKind::ByteSize:
            return parseByteSize(requireText(setting, "a size"), setting.origin);
        case ValueKind::SecretText:
            // Never quoted back: the value is a secret.
            if (!std::holds_alternative<Text>(setting.value)) fail(setting, "must be a string");
            return Secret(std::get<Text>(setting.value));
    }
    fail(setting, "has an unsupported kind");
}

}  // namespace

void applySetting(TaskSpec& spec, const RawSetting& setting) {
    const SettingDef* def = findSetting(setting.key);
    if (def == nullptr) fail(setting, "unknown setting");
    def->store(spec, parse(*def, setting));
    spec.origins[def->key] = setting.origin;
}

void applySettings(TaskSpec& spec, const std::vector<RawSetting>& settings) {
    for (const auto& setting : settings) applySetting(spec, setting);
}

}  // namespace signet::config
