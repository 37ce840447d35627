// SettingSpeller: names settings in messages the way the wrapper in use spells them, from the
// setting table (flags on the command line, inputs in the GitHub action, params and workspaces
// in the Tekton Task, arguments of Jenkins' signImages).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/Environment.h"
#include "config/SettingTable.h"

namespace signet::config {

enum class Wrapper { CommandLine, Github, Tekton, Jenkins };

// For `signet run` (what the wrappers run): SIGNET_WRAPPER (the Tekton Task and StepAction and
// the Jenkins library set it), else Github when GITHUB_ACTIONS=true (the action's entrypoint),
// else CommandLine. Every other command was typed by someone: CommandLine.
Wrapper wrapperFromEnvironment(const Environment& env, bool runCommand);

// How a user of `wrapper` gives `def` the value `value` ("" when any value will do).
std::string spellSettingFor(Wrapper wrapper, const SettingDef& def, std::string_view value);

// A subcommand's own flags for settings, by "key=value" or "key" (e.g. "verify_tags=false" →
// "--no-verify-tags"), spelled as they are.
using FlagSpellings = std::map<std::string, std::string>;

// Installs the spelling of every message (error/SettingSpelling.h): spellSettingFor(wrapper, …)
// for `signet run` (`commandFlags` nullopt); on the command line of another subcommand, its
// `commandFlags`, else the setting's environment variable (its flags are not run's).
void installSpellingFor(Wrapper wrapper, std::optional<FlagSpellings> commandFlags = {});

}  // namespace signet::config
