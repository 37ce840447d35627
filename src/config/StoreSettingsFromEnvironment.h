// StoreSettingsFromEnvironment: cosign::StoreSettings from COSIGN_DOCKER_MEDIA_TYPES,
// COSIGN_REPOSITORY and SIGNET_WRITE_SETTLE_MS, read once at the door.
#pragma once

#include "config/Environment.h"
#include "cosign/StoreSettings.h"

namespace signet::config {

// COSIGN_DOCKER_MEDIA_TYPES=1; COSIGN_REPOSITORY as a repository (all of it replaces the image's,
// as cosign does; unset or empty: the image's own); SIGNET_WRITE_SETTLE_MS (default 250 ms; 0
// when signet is the only writer). Throws Error(Config) naming the variable for a bad value, so
// a command stops before its first request.
cosign::StoreSettings storeSettingsFromEnvironment(const Environment& env);

}  // namespace signet::config
