// `signet settings [--json]`: the setting table itself — where each setting is read from (its
// environment names, YAML key, GitHub input, `signet run` flags), its kind, choices, default and
// help. The wrappers' checks and the README's tables are tested against this output.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "config/RunFlags.h"
#include "config/SettingTable.h"
#include "error/Error.h"
#include "error/ExitStatus.h"

namespace signet::cli {
namespace {

const char* kindName(config::ValueKind kind) {
    using K = config::ValueKind;
    switch (kind) {
        case K::Text:
            return "text";
        case K::Digest:
            return "digest";
        case K::List:
            return "list";
        case K::Annotations:
            return "annotations";
        case K::Platforms:
            return "platforms";
        case K::Bool:
            return "bool";
        case K::Choice:
            return "choice";
        case K::Count:
            return "count";
        case K::Duration:
            return "duration";
        case K::ByteSize:
            return "bytes";
        case K::SecretText:
            return "secret";
    }
    return "text";
}

nlohmann::ordered_json settingJson(const config::SettingDef& def) {
    nlohmann::ordered_json row;
    row["key"] = def.key;
    row["scope"] = def.scope == config::SettingScope::Run ? "run" : "process";
    row["kind"] = kindName(def.kind);
    row["yaml"] = def.inYaml;
    row["env"] = def.env;
    row["input"] = def.input;
    row["flags"] = def.flags;
    row["choices"] = def.choices;
    if (def.kind == config::ValueKind::Count) {
        row["min"] = def.min;
        row["max"] = def.max;
    }
    row["default"] = def.defaultText;
    row["tekton"] = def.tekton;
    row["jenkins"] = def.jenkins;
    row["help"] = def.help;
    return row;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator,
                   const std::string& quote = "`") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + quote + item + quote;
    return out;
}

std::string markdownCell(std::string text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out.empty() ? "—" : out;
}

// The README's settings table: `signet settings --markdown` writes it, a test compares.
void printMarkdown(std::ostream& out) {
    out << "| environment | YAML key | action input | `signet run` flag | default | meaning |\n"
           "|---|---|---|---|---|---|\n";
    for (const auto& def : config::settingTable()) {
        std::string meaning = def.help;
        if (!def.choices.empty()) meaning += ": " + joined(def.choices, ", ");
        out << "| " << markdownCell(joined(def.env, ", ")) << " | "
            << markdownCell(def.inYaml ? "`" + def.key + "`" : "") << " | "
            << markdownCell(def.input.empty() ? "" : "`" + def.input + "`") << " | "
            << markdownCell(joined(def.flags, ", ")) << " | "
            << markdownCell(def.defaultText.empty() ? "" : "`" + def.defaultText + "`") << " | "
            << markdownCell(meaning) << " |\n";
    }
}

}  // namespace

int runSettings(const Arguments& args, const Environment&, secret::SecretScrubber&) {
    bool json = false;
    bool markdown = false;
    ArgumentParser parser("settings", "");
    parser.flag("--json", &json, "the table as a JSON array, one object per setting");
    parser.flag("--markdown", &markdown, "the table as the README's Markdown table");
    if (!parser.parse(args).empty()) throw Error(ErrorKind::Usage, "takes no arguments");
    if (json && markdown) throw Error(ErrorKind::Usage, "--json or --markdown, not both");
    if (markdown) {
        printMarkdown(std::cout);
        return exit_code::kOk;
    }
    if (json) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const auto& def : config::settingTable()) rows.push_back(settingJson(def));
        std::cout << rows.dump(2) << "\n";
        return exit_code::kOk;
    }
    for (const auto& def : config::settingTable()) {
        std::cout << def.key << "\n    " << config::settingHelpText(def) << "\n";
        if (!def.flags.empty()) {
            std::cout << "    signet run";
            for (const auto& flag : def.flags) std::cout << " " << flag;
            std::cout << "\n";
        }
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
