// TaskSpecLoader: builds the TaskSpec for `signet run` from all sources, in precedence order
// flags > GitHub action inputs > environment > task YAML > defaults.
#pragma once

#include "config/Environment.h"
#include "config/RunFlags.h"
#include "config/TaskSpec.h"

namespace signet::config {

// The task YAML is --config, else SIGNET_CONFIG, else none. Then checks the settings that
// depend on each other (e.g. sbom mode `file` needs an SBOM file). Throws Error(Config/Usage).
TaskSpec loadTaskSpec(const RunFlags& flags, const Environment& env);

// The cross-setting checks loadTaskSpec ends with.
void validateTaskSpec(const TaskSpec& spec);

}  // namespace signet::config
