#include "cli/RegistryFlags.h"

#include "config/RegistryFromEnvironment.h"
#include "error/Error.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/HttpRegistryClient.h"
#include "oci/RegistryOptions.h"

namespace signet::cli {

void RegistryFlags::addTo(ArgumentParser& parser) {
    parser.flag("--allow-insecure-registry", &allowInsecure,
                "the image's registry may use TLS that does not verify, or plain HTTP (as "
                "SIGNET_INSECURE_REGISTRIES)");
    parser.flag("--allow-http-registry", &allowHttp,
                "the image's registry may speak plain HTTP; TLS to it is still verified");
    parser.option("--registry-username", &username,
                  "username for every registry (SIGNET_REGISTRY_USERNAME)");
    parser.option("--registry-password", &password,
                  "password for every registry (SIGNET_REGISTRY_PASSWORD; prefer the variable: "
                  "a flag shows in the process list)");
    parser.option("--registry-token", &token,
                  "bearer token for every registry (SIGNET_REGISTRY_TOKEN)");
    parser.flag("--k8s-keychain", &k8sKeychain,
                "accepted for cosign's scripts: credentials come from the Docker config, "
                "credential helpers and SIGNET_REGISTRY_* either way");
}

std::unique_ptr<oci::RegistryClient> connectRegistry(const Environment& env,
                                                     secret::SecretSink& secrets,
                                                     const RegistryFlags& flags,
                                                     const std::vector<oci::Reference>& refs) {
    oci::RegistryOptions options = config::registryOptionsFromEnvironment(env);
    for (const auto& ref : refs) {
        if (flags.allowInsecure) options.insecureHosts.insert(ref.repository.registry);
        if (flags.allowHttp) options.plainHttpHosts.insert(ref.repository.registry);
    }
    if (!flags.password.empty()) secrets.add(flags.password);
    if (!flags.token.empty()) secrets.add(flags.token);
    if (!flags.username.empty() || !flags.password.empty() || !flags.token.empty()) {
        if (flags.token.empty() && (flags.username.empty() || flags.password.empty())) {
            throw Error(ErrorKind::Usage,
                        "--registry-username and --registry-password go together (or give "
                        "--registry-token)");
        }
        oci::ExplicitCredentials explicitCredentials;
        explicitCredentials.credentials.username = flags.username;
        explicitCredentials.credentials.password = flags.password;
        explicitCredentials.credentials.registryToken = flags.token;
        options.credentials = explicitCredentials;
    }
    return std::make_unique<oci::HttpRegistryClient>(
        std::move(options),
        std::make_shared<oci::DockerConfigKeychain>(config::keychainSettingsFromEnvironment(env),
                                                    secrets),
        secrets);
}

}  // namespace signet::cli
