// TaskYaml: reads the task YAML (SIGNET_CONFIG / --config) into raw settings with positions.
#pragma once

#include <string>
#include <vector>

#include "config/RawSetting.h"

namespace signet::config {

// Parses `text` (named `fileName` in messages). Unknown keys, wrong shapes, duplicate keys and
// YAML syntax errors throw Error(Config, "FILE:LINE:COL: <key>: <problem>"). Values are checked
// when applied (SettingApplier), with the same "FILE:LINE:COL: <key>" origin. Null values are
// treated as not set.
std::vector<RawSetting> parseTaskYaml(const std::string& text, const std::string& fileName);

// Reads and parses the file at `path` (at most 1 MiB).
std::vector<RawSetting> readTaskYaml(const std::string& path);

}  // namespace signet::config
