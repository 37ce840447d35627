// SourceDateEpoch: SOURCE_DATE_EPOCH (reproducible-builds.org), the creation time SBOMs carry.
#pragma once

#include <ctime>
#include <optional>

#include "config/Environment.h"

namespace signet::config {

// nullopt when unset or empty (documents then carry the time they were made). Throws
// Error(Config) when it is not a non-negative integer number of seconds.
std::optional<std::time_t> sourceDateEpoch(const Environment& env);

}  // namespace signet::config
