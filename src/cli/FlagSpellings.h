// FlagSpellings: the flag each subcommand other than `run` has for a setting, so that its
// messages name that flag (`signet run` spells settings from the setting table).
#pragma once

#include <optional>
#include <string>

#include "config/SettingSpeller.h"

namespace signet::cli {

// nullopt for `run`, whose flags are the setting table's.
std::optional<config::FlagSpellings> flagSpellingsOf(const std::string& command);

}  // namespace signet::cli
