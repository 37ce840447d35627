// DockerConfigFile: a docker config.json holding a test registry's credentials, as `docker login`
// would write it (for code that reads DOCKER_CONFIG / REGISTRY_AUTH_FILE).
#pragma once

#include <string>
#include <vector>

#include "harness/TestRegistry.h"

namespace signet::testing {

// {"auths":{"127.0.0.1:PORT":{"auth":"<base64 user:password>"}}}; "{"auths":{}}" for a registry
// without auth.
std::string dockerConfigJson(const TestRegistry& registry);
// One "auths" entry per registry with auth: `docker login` to each of them.
std::string dockerConfigJson(const std::vector<const TestRegistry*>& registries);

// Writes dockerConfigJson() to `directory`/config.json (mode 0600) and returns that path.
std::string writeDockerConfig(const TestRegistry& registry, const std::string& directory);
std::string writeDockerConfig(const std::vector<const TestRegistry*>& registries,
                              const std::string& directory);

}  // namespace signet::testing
