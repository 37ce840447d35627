// SettingTable: every setting with its YAML key, environment names, action input, flags, value
// kind, default and one-line help — the single list the YAML loader, env overlay, flag parser,
// `signet settings`, the schema and the wrapper checks share.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/TaskSpec.h"
#include "crypto/SecretBytes.h"

namespace signet::config {

enum class ValueKind {
    Text,         // any non-empty string
    Digest,       // sha256:<hex>
    List,         // items split on newlines, commas, spaces
    Annotations,  // key=value lines / map
    Platforms,    // "all" or a list of os/arch[/variant]
    Bool,
    Choice,    // one of SettingDef::choices
    Count,     // whole number in [min, max]
    Duration,  // 90s, 3m, 1h, seconds
    ByteSize,  // 16777216, 16MiB
    SecretText,
};

struct ChoiceIndex {
    std::size_t index;
};

using SettingValue =
    std::variant<std::string, std::vector<std::string>, std::map<std::string, std::string>, bool,
                 ChoiceIndex, unsigned, std::chrono::seconds, std::uint64_t, Secret>;

enum class SettingScope {
    Run,      // a TaskSpec field of `signet run`: YAML, environment, input, flag
    Process,  // read from the environment by config/ for every command (no YAML key, no store)
};

struct SettingDef {
    std::string key{};  // YAML key, dotted for sections
    ValueKind kind = ValueKind::Text;
    bool inYaml = true;                // false for secrets and credentials: environment only
    std::vector<std::string> env{};    // first set one wins (SIGNET_KEY before COSIGN_KEY)
    std::string input{};               // GitHub action input id, empty when there is none
    std::vector<std::string> flags{};  // `signet run` flags, e.g. {"--image", "--images"}
    std::vector<std::string> choices{};
    unsigned min = 0;
    unsigned max = 0;
    bool emptyIsValue = false;  // COSIGN_PASSWORD="" means the empty password
    std::function<void(TaskSpec&, SettingValue&&)> store{};  // Run scope only
    std::string help{};         // one line, for --help, `signet settings` and the docs
    std::string defaultText{};  // the default as a user reads it; empty: none
    std::string tekton{};       // the sign-images Task's param, or "workspace:NAME"; empty: none
    std::string jenkins{};  // signImages' argument ("sbom.mode" for sbom: [mode: …]); empty: none
    SettingScope scope = SettingScope::Run;
};

const std::vector<SettingDef>& settingTable();
// nullptr when unknown.
const SettingDef* findSetting(std::string_view key);
const SettingDef* findSettingByFlag(std::string_view flag);

// YAML section names ("registry", "outputs", "sbom").
std::vector<std::string> yamlSections();

}  // namespace signet::config
