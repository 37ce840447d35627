#include "config/StoreSettingsFromEnvironment.h"

#include "error/Error.h"

namespace signet::config {
namespace {

std::optional<oci::Repository> repositoryOverride(const Environment& env) {
    auto text = env.get("COSIGN_REPOSITORY");
    if (!text || text->empty()) return std::nullopt;
    try {
        oci::Reference parsed = oci::Reference::parse(*text);
        if (parsed.hasTag() || parsed.hasDigest()) {
            throw Error(ErrorKind::Config, "must name a repository without tag or digest");
        }
        return parsed.repository;
    } catch (const Error& e) {
        throw Error(ErrorKind::Config, std::string("COSIGN_REPOSITORY: ") + e.what());
    }
}

}  // namespace

cosign::StoreSettings storeSettingsFromEnvironment(const Environment& env) {
    cosign::StoreSettings settings;
    settings.dockerMediaTypes = env.getOr("COSIGN_DOCKER_MEDIA_TYPES", "0") == "1";
    settings.repository = repositoryOverride(env);
    auto text = env.get("SIGNET_WRITE_SETTLE_MS");
    if (!text || text->empty()) return settings;
    if (text->size() > 6 || text->find_first_not_of("0123456789") != std::string::npos) {
        throw Error(ErrorKind::Config,
                    "SIGNET_WRITE_SETTLE_MS must be milliseconds (0-999999), got '" + *text + "'");
    }
    settings.settle = std::chrono::milliseconds(std::stol(*text));
    return settings;
}

}  // namespace signet::config
