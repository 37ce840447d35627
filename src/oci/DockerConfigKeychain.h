// DockerConfigKeychain: registry credentials from docker/podman auth files and credential helpers.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "oci/CredentialHelper.h"
#include "oci/Credentials.h"
#include "secret/SecretSink.h"

namespace signet::oci {

// Where the keychain looks, as config/ found it (config/RegistryFromEnvironment.h).
struct KeychainSettings {
    std::string configFile;  // the auth file in use; empty: none (anonymous everywhere)
    CredentialHelperSettings helpers;
};

// Reads `settings.configFile` when credentials are first needed. The most specific `auths` key wins
// ("host/ns/repo" before "host/ns" before "host"); keys may carry a scheme and "/v1/"; Docker Hub
// is "https://index.docker.io/v1/". credHelpers[host] and credsStore run docker-credential-<name>.
// Results are cached per repository. The file must be a regular file (or a link to one): a FIFO,
// socket or device there is refused when constructed. Every secret read (password, auth,
// identitytoken, registrytoken, a helper's Secret) is registered with `secrets`, which must outlive
// the keychain.
class DockerConfigKeychain : public Keychain {
  public:
    DockerConfigKeychain(KeychainSettings settings, secret::SecretSink& secrets);

    Credentials resolve(const Repository& repository) override;

    // The config file in use, or empty when none exists (anonymous everywhere).
    std::string configPath() const;

  private:
    Credentials lookup(const Repository& repository);

    KeychainSettings settings_;
    secret::SecretSink& secrets_;
    std::mutex mutex_;
    std::map<std::string, Credentials> cache_;
};

// What an auth file says for one repository before any credential helper runs.
struct ConfiguredCredentials {
    Credentials credentials;            // from the most specific `auths` entry, else anonymous
    std::optional<std::string> helper;  // credHelpers[host] or credsStore to run instead
};

// Reads the auth file text `configText` (named `path` in errors) for `repository`, in the order
// DockerConfigKeychain uses; every secret it decodes is registered with `secrets`. Throws
// Error(Config) when it is not a JSON object or the chosen `auth` is not base64 of user:password;
// messages never quote the file's content.
ConfiguredCredentials configuredCredentials(const std::string& configText, const std::string& path,
                                            const Repository& repository,
                                            secret::SecretSink& secrets);

// "https://index.docker.io/v1/" for Docker Hub, else the host: the key docker/cli looks up and
// the server URL it hands a credential helper.
std::string dockerServerKey(const std::string& registry);

}  // namespace signet::oci
