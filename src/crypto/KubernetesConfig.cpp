#include "crypto/KubernetesConfig.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>

#include "crypto/Encoding.h"
#include "crypto/SecretFile.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

[[noreturn]] void fail(const std::string& keyRef, const std::string& reason) {
    throw Error(ErrorKind::Config, "key reference " + keyRef + ": " + reason);
}

std::optional<std::string> kubeconfigPath(const KubernetesAccess& access,
                                          const std::string& keyRef) {
    const std::string& list = access.kubeconfig;
    if (!list.empty()) {
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t end = list.find(':', start);
            std::string entry = list.substr(start, end == std::string::npos ? end : end - start);
            if (!entry.empty() && std::filesystem::exists(entry)) return entry;
            if (end == std::string::npos) break;
            start = end + 1;
        }
        fail(keyRef, "no file of KUBECONFIG=" + list + " exists");
    }
    if (access.home.empty()) return std::nullopt;
    std::string path = access.home + "/.kube/config";
    if (std::filesystem::exists(path)) return path;
    return std::nullopt;
}

// The `field` mapping of the entry called `name` in the list `list` (clusters, users, ...).
YAML::Node namedEntry(const YAML::Node& root, const char* list, const char* field,
                      const std::string& name, const std::string& where) {
    const YAML::Node entries = root[list];
    if (entries && entries.IsSequence()) {
        for (const auto& entry : entries) {
            if (entry.IsMap() && entry["name"] && entry["name"].as<std::string>() == name) {
                return entry[field];
            }
        }
    }
    throw Error(ErrorKind::Config, where + ": no " + std::string(list) + " entry named " + name);
}

std::string scalar(const YAML::Node& node, const char* key) {
    if (!node || !node.IsMap() || !node[key] || !node[key].IsScalar()) return "";
    return node[key].as<std::string>();
}

std::string resolvePath(const std::string& path, const std::string& configPath) {
    if (path.empty() || path.front() == '/') return path;
    return (std::filesystem::path(configPath).parent_path() / path).string();
}

// A PEM value from `<key>-data` (base64) or from the file named by `<key>`.
SecretBytes pemValue(const YAML::Node& node, const std::string& key, const std::string& configPath,
                     const std::string& where) {
    std::string data = scalar(node, (key + "-data").c_str());
    if (!data.empty()) {
        auto decoded = base64Decode(data);
        if (!decoded) throw Error(ErrorKind::Config, where + ": " + key + "-data is not base64");
        return SecretBytes(*decoded);
    }
    std::string file = scalar(node, key.c_str());
    if (file.empty()) return SecretBytes();
    return readSecretFile(resolvePath(file, configPath), key);
}

void readCluster(const YAML::Node& cluster, const std::string& path, const std::string& where,
                 KubernetesConfig& config) {
    config.server = scalar(cluster, "server");
    if (config.server.empty()) {
        throw Error(ErrorKind::Config, where + ": the cluster has no server");
    }
    if (scalar(cluster, "insecure-skip-tls-verify") == "true") {
        throw Error(ErrorKind::Config, where +
                                           ": insecure-skip-tls-verify is not supported: "
                                           "give certificate-authority or -data");
    }
    config.caPem = std::string(pemValue(cluster, "certificate-authority", path, where).view());
}

void readUser(const YAML::Node& user, const std::string& path, const std::string& where,
              KubernetesConfig& config) {
    config.token = SecretBytes(scalar(user, "token"));
    if (std::string tokenFile = scalar(user, "tokenFile");
        config.token.empty() && !tokenFile.empty()) {
        config.token = readSecretFile(resolvePath(tokenFile, path), "token file");
    }
    config.clientCertPem = pemValue(user, "client-certificate", path, where);
    config.clientKeyPem = pemValue(user, "client-key", path, where);
    bool plugin = user && user.IsMap() && (user["exec"] || user["auth-provider"]);
    if (plugin && config.token.empty() && config.clientCertPem.empty()) {
        throw Error(ErrorKind::Config, where +
                                           ": the user's exec/auth-provider credentials are "
                                           "not supported: use a token or client certificate");
    }
}

KubernetesConfig fromKubeconfig(const std::string& path) {
    std::string where = "kubeconfig " + path;
    SecretBytes text = readSecretFile(path, "kubeconfig");
    YAML::Node root = YAML::Load(std::string(text.view()));
    std::string contextName = scalar(root, "current-context");
    if (contextName.empty()) throw Error(ErrorKind::Config, where + " has no current-context");
    YAML::Node context = namedEntry(root, "contexts", "context", contextName, where);
    KubernetesConfig config;
    readCluster(namedEntry(root, "clusters", "cluster", scalar(context, "cluster"), where), path,
                where, config);
    if (std::string userName = scalar(context, "user"); !userName.empty()) {
        readUser(namedEntry(root, "users", "user", userName, where), path, where, config);
    }
    return config;
}

KubernetesConfig inCluster(const KubernetesAccess& access, const std::string& keyRef) {
    std::string host = access.serviceHost;
    const std::string& port = access.servicePort;
    if (host.empty() || port.empty()) {
        fail(keyRef,
             "no Kubernetes configuration: set KUBECONFIG or run inside a cluster "
             "(KUBERNETES_SERVICE_HOST/PORT are not set)");
    }
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    const std::string& dir = access.serviceAccountDir;
    KubernetesConfig config;
    config.server = "https://" + host + ":" + port;
    config.token = readSecretFile(dir + "/token", "service-account token");
    config.caPem = std::string(readSecretFile(dir + "/ca.crt", "service-account CA").view());
    return config;
}

}  // namespace

KubernetesConfig loadKubernetesConfig(const KubernetesAccess& access, const std::string& keyRef) {
    if (auto path = kubeconfigPath(access, keyRef)) {
        try {
            return fromKubeconfig(*path);
        } catch (const YAML::Exception& e) {
            fail(keyRef, "kubeconfig " + *path + " is not valid: " + e.msg);
        } catch (const Error& e) {
            throw e.withContext("key reference " + keyRef);
        }
    }
    try {
        return inCluster(access, keyRef);
    } catch (const Error& e) {
        if (std::string(e.what()).starts_with("key reference ")) throw;
        throw e.withContext("key reference " + keyRef);
    }
}

}  // namespace signet::crypto
