// SettingApplier: validates one RawSetting against its SettingDef and stores it in a TaskSpec.
#pragma once

#include <vector>

#include "config/RawSetting.h"
#include "config/TaskSpec.h"

namespace signet::config {

// Throws Error(Config, "<origin>: <problem>") for an unknown key, wrong shape or bad value.
// A later call for the same key replaces the earlier value (lists and maps included).
void applySetting(TaskSpec& spec, const RawSetting& setting);
void applySettings(TaskSpec& spec, const std::vector<RawSetting>& settings);

}  // namespace signet::config
