#include "oci/DockerConfigKeychain.h"

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "io/RegularFile.h"
#include "oci/CredentialHelper.h"

namespace signet::oci {
namespace {

constexpr const char* kDockerHub = "index.docker.io";
constexpr std::size_t kMaxConfigBytes = 16u << 20;

// The config file found, once it is known to be a regular file (its content is read when
// credentials are first needed); throws Error(Config) naming it otherwise: a FIFO, socket or
// device there is refused rather than skipped.
std::string checkedConfigFile(std::string path) {
    if (!path.empty()) io::openRegularFile(path, ErrorKind::Config, "registry credentials file");
    return path;
}

// "https://index.docker.io/v1/" → "index.docker.io"; "quay.io/ns/repo" stays; docker.io aliases.
std::string normaliseKey(std::string key) {
    for (const char* scheme : {"https://", "http://"}) {
        if (key.rfind(scheme, 0) == 0) key = key.substr(std::string(scheme).size());
    }
    while (!key.empty() && key.back() == '/') key.pop_back();
    for (const char* suffix : {"/v1", "/v2"}) {
        std::string s(suffix);
        if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
            key = key.substr(0, key.size() - s.size());
    }
    auto slash = key.find('/');
    std::string host = key.substr(0, slash);
    std::string rest = slash == std::string::npos ? "" : key.substr(slash);
    if (host == "docker.io" || host == "registry-1.docker.io") host = kDockerHub;
    return host + rest;
}

std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Credentials decodeEntry(const nlohmann::json& entry, const std::string& key,
                        const std::string& path, secret::SecretSink& secrets) {
    Credentials credentials;
    if (!entry.is_object()) return credentials;
    credentials.username = stringField(entry, "username");
    credentials.password = stringField(entry, "password");
    credentials.identityToken = stringField(entry, "identitytoken");
    credentials.registryToken = stringField(entry, "registrytoken");
    std::string auth = stringField(entry, "auth");
    for (const std::string* value :
         {&credentials.password, &credentials.identityToken, &credentials.registryToken, &auth}) {
        secrets.add(*value);
    }
    if (!auth.empty()) {
        auto decoded = crypto::base64Decode(auth);
        auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (colon == std::string::npos) {
            throw Error(ErrorKind::Config, path + ": auths[\"" + key +
                                               "\"].auth is not base64 of user:password; fix or "
                                               "remove the entry");
        }
        credentials.username = decoded->substr(0, colon);
        credentials.password = decoded->substr(colon + 1);
        secrets.add(credentials.password);
    }
    return credentials;
}

std::string readConfigFile(const std::string& path) {
    return io::readFileContents(path, kMaxConfigBytes, ErrorKind::Config,
                                "registry credentials file", ErrorKind::Config);
}

nlohmann::json parseConfig(const std::string& text, const std::string& path) {
    try {
        auto json = nlohmann::json::parse(text);
        if (!json.is_object()) throw Error(ErrorKind::Config, path + " is not a JSON object");
        return json;
    } catch (const nlohmann::json::parse_error& e) {
        // The parser's message can quote file content (secrets), so only the offset is shown.
        throw Error(ErrorKind::Config, "registry credentials file " + path +
                                           " is not valid JSON (error at byte " +
                                           std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::exception&) {
        // out_of_range for a number too large for a double ("1e999"); it quotes the number.
        throw Error(ErrorKind::Config, "registry credentials file " + path +
                                           " is not valid JSON (a number out of range)");
    }
}

// Lookup keys from most to least specific: "host/a/b", "host/a", "host".
std::vector<std::string> candidateKeys(const Repository& repository) {
    std::vector<std::string> keys;
    std::string key = repository.registry + "/" + repository.path;
    while (true) {
        keys.push_back(key);
        auto slash = key.rfind('/');
        if (slash == std::string::npos) break;
        key = key.substr(0, slash);
    }
    return keys;
}

}  // namespace

std::string dockerServerKey(const std::string& registry) {
    return registry == kDockerHub ? "https://index.docker.io/v1/" : registry;
}

DockerConfigKeychain::DockerConfigKeychain(KeychainSettings settings, secret::SecretSink& secrets)
    : settings_(std::move(settings)), secrets_(secrets) {
    settings_.configFile = checkedConfigFile(std::move(settings_.configFile));
}

std::string DockerConfigKeychain::configPath() const {
    return settings_.configFile;
}

Credentials DockerConfigKeychain::resolve(const Repository& repository) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string cacheKey = repository.name();
    if (auto it = cache_.find(cacheKey); it != cache_.end()) return it->second;
    Credentials credentials = lookup(repository);
    cache_[cacheKey] = credentials;
    return credentials;
}

Credentials DockerConfigKeychain::lookup(const Repository& repository) {
    const std::string& path = settings_.configFile;
    if (path.empty()) return {};
    ConfiguredCredentials configured =
        configuredCredentials(readConfigFile(path), path, repository, secrets_);
    if (!configured.helper) return configured.credentials;
    const std::string& host = repository.registry;
    return runCredentialHelper(*configured.helper, dockerServerKey(host), host, settings_.helpers,
                               secrets_);
}

ConfiguredCredentials configuredCredentials(const std::string& configText, const std::string& path,
                                            const Repository& repository,
                                            secret::SecretSink& secrets) {
    nlohmann::json config = parseConfig(configText, path);
    const std::string host = repository.registry;

    // auths: the longest matching key with real credentials (placeholders "{}" don't count).
    const nlohmann::json noAuths = nlohmann::json::object();
    auto authsIt = config.find("auths");
    const nlohmann::json& authsJson =
        authsIt != config.end() && authsIt->is_object() ? *authsIt : noAuths;
    std::map<std::string, std::string> auths;  // normalised key → key as written
    for (auto it = authsJson.begin(); it != authsJson.end(); ++it)
        auths[normaliseKey(it.key())] = it.key();
    auto entryFor = [&](const std::string& key) -> std::optional<Credentials> {
        auto it = auths.find(key);
        if (it == auths.end()) return std::nullopt;
        Credentials c = decodeEntry(authsJson.at(it->second), it->second, path, secrets);
        if (c.anonymous()) return std::nullopt;
        return c;
    };
    std::vector<std::string> keys = candidateKeys(repository);
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
        if (auto c = entryFor(keys[i])) return {*c, std::nullopt};
    }

    if (auto it = config.find("credHelpers"); it != config.end() && it->is_object()) {
        for (const auto& [key, helper] : it->items()) {
            if (normaliseKey(key) == host && helper.is_string())
                return {Credentials{}, helper.get<std::string>()};
        }
    }
    if (auto c = entryFor(host)) return {*c, std::nullopt};
    std::string store = stringField(config, "credsStore");
    if (!store.empty()) return {Credentials{}, store};
    return {};
}

}  // namespace signet::oci
