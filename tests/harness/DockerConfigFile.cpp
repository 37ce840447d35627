#include "harness/DockerConfigFile.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Paths.h"

namespace signet::testing {

std::string dockerConfigJson(const std::vector<const TestRegistry*>& registries) {
    nlohmann::json auths = nlohmann::json::object();
    for (const TestRegistry* registry : registries) {
        if (registry->auth() == RegistryAuth::None) continue;
        std::string pair = registry->username() + ":" + registry->password();
        auths[registry->host()] = {{"auth", crypto::base64Encode(pair)}};
    }
    return nlohmann::json{{"auths", auths}}.dump(1, '\t');
}

std::string dockerConfigJson(const TestRegistry& registry) {
    return dockerConfigJson({&registry});
}

std::string writeDockerConfig(const std::vector<const TestRegistry*>& registries,
                              const std::string& directory) {
    std::filesystem::create_directories(directory);
    std::string path = directory + "/config.json";
    writeFile(path, dockerConfigJson(registries));
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return path;
}

std::string writeDockerConfig(const TestRegistry& registry, const std::string& directory) {
    return writeDockerConfig({&registry}, directory);
}

}  // namespace signet::testing
