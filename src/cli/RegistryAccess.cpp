#include "cli/RegistryAccess.h"

#include "oci/DockerConfigKeychain.h"
#include "oci/HttpRegistryClient.h"
#include "oci/RegistryOptions.h"

namespace signet::cli {

std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env) {
    return std::make_unique<oci::HttpRegistryClient>(
        oci::registryOptionsFromEnvironment(env), std::make_shared<oci::DockerConfigKeychain>(env));
}

cosign::SignOptions lookupOnly() {
    cosign::SignOptions options;
    options.allowTagOnly = true;
    options.verifyTags = false;
    return options;
}

}  // namespace signet::cli
