// RunFlags: the command line of `signet run`, parsed into raw settings (highest precedence).
//
// Scalar flags take one value (`--digest D` or `--digest=D`); an empty value ("") counts as not
// given. List flags (--image, --tag, --annotation, --insecure-registry, --sbom-platforms) may be
// repeated and also take every following argument up to the next `--flag`, because Tekton spreads
// an array param in place (`--image $(params.IMAGES[*])`); empty elements are ignored. Boolean
// flags stand alone (`--recursive`), take `=VALUE`, a following true/false word, or a `--no-`
// prefix (`--no-verify-tags`). Arguments before any flag are image references.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/RawSetting.h"
#include "config/SettingTable.h"
#include "config/TaskSpec.h"

namespace signet::config {

struct RunFlags {
    std::optional<std::string> configPath;  // --config
    std::vector<RawSetting> settings;
};

// `args` excludes the program name and the "run" word, and is read with the grammar of every
// command (config/CommandLine.h). Throws Error(Usage, ...) naming the flag, or HelpRequested.
RunFlags parseRunFlags(const std::vector<std::string>& args);

// Applies the flags' settings on top of `spec` (values validated as for every other source).
void applyRunFlags(TaskSpec& spec, const RunFlags& flags);

// `signet run --help`: the usage line and one line per flag.
std::string runUsage();
// One line per flag.
std::string runFlagsHelp();

// A setting's help: its line, choices, where it is read from and its default.
std::string settingHelpText(const SettingDef& def);

}  // namespace signet::config
