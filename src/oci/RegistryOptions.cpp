#include "oci/RegistryOptions.h"

#include <Poco/Exception.h>
#include <Poco/File.h>

#include <sstream>

#include "error/Error.h"
#include "oci/Reference.h"

namespace signet::oci {
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

std::set<std::string> parseHostList(const Environment& env, const char* name) {
    std::set<std::string> hosts;
    std::string text = env.getOr(name, "");
    for (char& c : text) {
        if (c == ',' || c == '\n' || c == '\t') c = ' ';
    }
    std::stringstream in(text);
    std::string host;
    while (in >> host) {
        if (host == "docker.io") host = "index.docker.io";
        hosts.insert(host);
    }
    return hosts;
}

std::optional<ExplicitCredentials> explicitCredentials(const Environment& env) {
    ExplicitCredentials result;
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
    result.host = env.getOr("SIGNET_REGISTRY", "");
    if (result.host == "docker.io") result.host = "index.docker.io";
    return result;
}

}  // namespace

RegistryOptions registryOptionsFromEnvironment(const Environment& env) {
    RegistryOptions options;
    options.insecureHosts = parseHostList(env, "SIGNET_INSECURE_REGISTRIES");
    options.caFile = env.getOr("SIGNET_REGISTRY_CA", "");
    if (!options.caFile.empty() && !Poco::File(options.caFile).exists()) {
        throw Error(ErrorKind::Config, "SIGNET_REGISTRY_CA=\"" + options.caFile +
                                           "\" does not exist; give a PEM file");
    }
    options.retries = parseCount(env, "SIGNET_RETRIES", options.retries, 20);
    options.timeout = std::chrono::seconds(
        parseCount(env, "SIGNET_REQUEST_TIMEOUT", static_cast<int>(options.timeout.count()), 3600));
    if (options.timeout.count() == 0) {
        throw Error(ErrorKind::Config, "SIGNET_REQUEST_TIMEOUT must be at least 1 second");
    }
    options.credentials = explicitCredentials(env);
    return options;
}

}  // namespace signet::oci
