#include "harness/DockerConfigFile.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Paths.h"

namespace signet::testing {

std::string dockerConfigJson(const TestRegistry& registry) {
    nlohmann::json auths = nlohmann::json::object();
    if (registry.auth() != RegistryAuth::None) {
        std::string pair = registry.username() + ":" + registry.password();
        auths[registry.host()] = {{"auth", crypto::base64Encode(pair)}};
    }
    return nlohmann::json{{"auths", auths}}.dump(1, '\t');
}

std::string writeDockerConfig(const TestRegistry& registry, const std::string& directory) {
    std::filesystem::create_directories(directory);
    std::string path = directory + "/config.json";
    writeFile(path, dockerConfigJson(registry));
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return path;
}

}  // namespace signet::testing
