// EnvironmentSettings: raw settings from SIGNET_* / cosign environment variables and, inside
// GitHub Actions, from the action's INPUT_<ID> variables.
#pragma once

#include <vector>

#include "config/Environment.h"
#include "config/RawSetting.h"

namespace signet::config {

// SIGNET_* and their cosign aliases (the first set name of a setting wins). An empty or
// whitespace-only value counts as unset (Tekton passes "" for unbound workspaces), except
// COSIGN_PASSWORD where set-but-empty is the empty password.
std::vector<RawSetting> settingsFromEnvironment(const Environment& env);

// Only when GITHUB_ACTIONS=true: INPUT_<ID> with the id upper-cased and hyphens kept
// (INPUT_FAIL-ON), then the underscore spelling (INPUT_FAIL_ON). Empty or whitespace-only
// (an empty step output in a `|` block) = unset.
std::vector<RawSetting> settingsFromGithubInputs(const Environment& env);

bool runsInGithubActions(const Environment& env);

}  // namespace signet::config
