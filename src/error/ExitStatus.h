// ExitStatus: the exit code of a batch from the outcomes of its references (README "Exit codes").
#pragma once

#include <optional>
#include <vector>

#include "error/Error.h"

namespace signet {

enum class FailOn { Any, All };

// `failures` holds one entry per reference: nullopt for success, the error kind otherwise.
// 0 when nothing failed (or, with FailOn::All, when something succeeded); 3 when every failure
// was auth; 4 when every failure was unavailability (isUnavailability); 2 otherwise.
int batchExitCode(const std::vector<std::optional<ErrorKind>>& outcomes, FailOn failOn);

}  // namespace signet
