// SettingSpelling: how a message names a setting for the user at hand (a flag on the command
// line, an action input, a Task param, a Jenkins argument). Lower layers name a setting by its
// setting-table key; cli/ installs the spelling for the wrapper in use once, at the door.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace signet {

using SettingSpeller = std::function<std::string(std::string_view key, std::string_view value)>;

// What the user sets to give setting `key` (e.g. "allow_tag_only") the value `value` ("" when
// any value will do): "--allow-tag-only", "the action input key-password", "the Task param
// VERIFY_TAGS=false". Before one is installed: "KEY" or "KEY=VALUE".
std::string spellSetting(std::string_view key, std::string_view value = {});

// Installs the spelling every later message uses; called once, before any thread starts.
void installSettingSpelling(SettingSpeller speller);

}  // namespace signet
