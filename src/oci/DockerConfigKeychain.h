// DockerConfigKeychain: registry credentials from docker/podman auth files and credential helpers.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "config/Environment.h"
#include "oci/Credentials.h"

namespace signet::oci {

// Looks in the first file that exists: $DOCKER_CONFIG/config.json (or $DOCKER_CONFIG itself when
// it names a file), ~/.docker/config.json, $REGISTRY_AUTH_FILE,
// $XDG_RUNTIME_DIR/containers/auth.json, ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json.
// The most specific `auths` key wins ("host/ns/repo" before "host/ns" before "host"); keys may
// carry a scheme and "/v1/"; Docker Hub is "https://index.docker.io/v1/". credHelpers[host] and
// credsStore run docker-credential-<name>. Results are cached per repository. The file must be a
// regular file (or a link to one): a FIFO, socket or device there is refused when constructed.
class DockerConfigKeychain : public Keychain {
  public:
    explicit DockerConfigKeychain(Environment env);

    Credentials resolve(const Repository& repository) override;

    // The config file in use, or empty when none exists (anonymous everywhere).
    std::string configPath() const;

  private:
    Credentials lookup(const Repository& repository);

    Environment env_;
    std::string path_;
    std::mutex mutex_;
    std::map<std::string, Credentials> cache_;
};

// "https://index.docker.io/v1/" for Docker Hub, else the host: the key docker/cli looks up and
// the server URL it hands a credential helper.
std::string dockerServerKey(const std::string& registry);

}  // namespace signet::oci
