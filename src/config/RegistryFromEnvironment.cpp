#include "config/RegistryFromEnvironment.h"

#include <Poco/File.h>
#include <sys/stat.h>

#include <sstream>

#include "error/Error.h"

namespace signet::config {
namespace {

std::optional<std::string> firstSet(const Environment& env, const char* name, const char* alias) {
    if (auto value = env.get(name)) return value;
    return env.get(alias);
}

int parseCount(const Environment& env, const char* name, int fallback, int max) {
    auto value = env.get(name);
    if (!value || value->empty()) return fallback;
    if (value->size() > 6 || value->find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(*value) > max) {
        throw Error(ErrorKind::Config, std::string(name) + "=\"" + *value +
                                           "\" is not a whole number from 0 to " +
                                           std::to_string(max));
    }
    return std::stoi(*value);
}

std::string registryHost(std::string host) {
    return host == "docker.io" ? "index.docker.io" : host;
}

std::set<std::string> parseHostList(const Environment& env, const char* name) {
    std::set<std::string> hosts;
    std::string text = env.getOr(name, "");
    for (char& c : text) {
        if (c == ',' || c == '\n' || c == '\t') c = ' ';
    }
    std::stringstream in(text);
    std::string host;
    while (in >> host) hosts.insert(registryHost(host));
    return hosts;
}

std::chrono::seconds requestTimeout(const Environment& env) {
    const int seconds = parseCount(env, "SIGNET_REQUEST_TIMEOUT", 60, 3600);
    if (seconds == 0) {
        throw Error(ErrorKind::Config, "SIGNET_REQUEST_TIMEOUT must be at least 1 second");
    }
    return std::chrono::seconds(seconds);
}

std::optional<oci::ExplicitCredentials> explicitCredentials(const Environment& env) {
    oci::ExplicitCredentials result;
    result.credentials.username =
        firstSet(env, "SIGNET_REGISTRY_USERNAME", "COSIGN_REGISTRY_USERNAME").value_or("");
    result.credentials.password =
        firstSet(env, "SIGNET_REGISTRY_PASSWORD", "COSIGN_REGISTRY_PASSWORD").value_or("");
    result.credentials.registryToken =
        firstSet(env, "SIGNET_REGISTRY_TOKEN", "COSIGN_REGISTRY_TOKEN").value_or("");
    if (result.credentials.anonymous()) return std::nullopt;
    if (result.credentials.username.empty() != result.credentials.password.empty()) {
        throw Error(ErrorKind::Config,
                    "SIGNET_REGISTRY_USERNAME and SIGNET_REGISTRY_PASSWORD must be set together");
    }
    result.host = explicitCredentialsHost(env);
    return result;
}

// Something other than a directory is there: a file, or a FIFO/socket/device that the keychain
// then refuses rather than skips.
bool isFile(const std::string& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 && !S_ISDIR(status.st_mode);
}

std::string findConfigFile(const Environment& env) {
    std::vector<std::string> candidates;
    std::string home = env.getOr("HOME", "");
    if (auto dockerConfig = env.getOr("DOCKER_CONFIG", ""); !dockerConfig.empty()) {
        candidates.push_back(isFile(dockerConfig) ? dockerConfig : dockerConfig + "/config.json");
    }
    if (!home.empty()) candidates.push_back(home + "/.docker/config.json");
    if (auto authFile = env.getOr("REGISTRY_AUTH_FILE", ""); !authFile.empty())
        candidates.push_back(authFile);
    if (auto runtime = env.getOr("XDG_RUNTIME_DIR", ""); !runtime.empty())
        candidates.push_back(runtime + "/containers/auth.json");
    std::string configHome = env.getOr("XDG_CONFIG_HOME", home.empty() ? "" : home + "/.config");
    if (!configHome.empty()) candidates.push_back(configHome + "/containers/auth.json");
    for (const auto& path : candidates) {
        if (isFile(path)) return path;
    }
    return {};
}

}  // namespace

oci::RegistryOptions registryOptionsFromEnvironment(const Environment& env) {
    oci::RegistryOptions options;
    options.insecureHosts = parseHostList(env, "SIGNET_INSECURE_REGISTRIES");
    options.caFile = env.getOr("SIGNET_REGISTRY_CA", "");
    if (!options.caFile.empty() && !Poco::File(options.caFile).exists()) {
        throw Error(ErrorKind::Config, "SIGNET_REGISTRY_CA=\"" + options.caFile +
                                           "\" does not exist; give a PEM file");
    }
    options.retries = parseCount(env, "SIGNET_RETRIES", options.retries, 20);
    options.timeout = requestTimeout(env);
    options.credentials = explicitCredentials(env);
    return options;
}

oci::RegistryOptions registryOptionsFor(const TaskSpec& spec, const Environment& env) {
    oci::RegistryOptions options;
    for (const auto& host : spec.registry.insecure)
        options.insecureHosts.insert(registryHost(host));
    options.caFile = spec.registry.caFile.value_or("");
    if (!options.caFile.empty() && !Poco::File(options.caFile).exists()) {
        throw Error(ErrorKind::Config, originOf(spec, "registry.ca_file") + ": \"" +
                                           options.caFile + "\" does not exist; give a PEM file");
    }
    options.retries = static_cast<int>(spec.registry.retries);
    options.timeout = requestTimeout(env);
    if (spec.registry.username || spec.registry.password || spec.registry.token) {
        oci::ExplicitCredentials given;
        given.credentials.username = spec.registry.username.value_or("");
        if (spec.registry.password)
            given.credentials.password = std::string(spec.registry.password->view());
        if (spec.registry.token)
            given.credentials.registryToken = std::string(spec.registry.token->view());
        given.host = explicitCredentialsHost(env);
        options.credentials = given;
    }
    return options;
}

std::string explicitCredentialsHost(const Environment& env) {
    return registryHost(env.getOr("SIGNET_REGISTRY", ""));
}

oci::KeychainSettings keychainSettingsFromEnvironment(const Environment& env) {
    oci::KeychainSettings settings;
    settings.configFile = findConfigFile(env);
    if (auto path = env.get("PATH")) {
        settings.helpers.searchPath.clear();
        std::stringstream list(*path);
        for (std::string dir; std::getline(list, dir, ':');)
            settings.helpers.searchPath.push_back(dir);
    }
    settings.helpers.environment = env.all();
    return settings;
}

std::unique_ptr<oci::HttpRegistryClient> makeRegistryClient(const Environment& env,
                                                            secret::SecretSink& secrets) {
    return std::make_unique<oci::HttpRegistryClient>(
        registryOptionsFromEnvironment(env),
        std::make_shared<oci::DockerConfigKeychain>(keychainSettingsFromEnvironment(env), secrets),
        secrets);
}

}  // namespace signet::config
