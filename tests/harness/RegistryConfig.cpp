#include "harness/RegistryConfig.h"

#include <yaml-cpp/yaml.h>

namespace signet::testing {
namespace {

void emitStorage(YAML::Emitter& out, const RegistryConfig& config) {
    out << YAML::Key << "storage" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "filesystem" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "rootdirectory" << YAML::Value << config.storageDir << YAML::EndMap;
    out << YAML::Key << "delete" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << config.deleteEnabled << YAML::EndMap;
    out << YAML::Key << "maintenance" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "uploadpurging" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "enabled" << YAML::Value << false << YAML::EndMap;
    out << YAML::EndMap << YAML::EndMap;
}

void emitHttp(YAML::Emitter& out, const RegistryConfig& config) {
    out << YAML::Key << "http" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "addr" << YAML::Value << "127.0.0.1:" + std::to_string(config.port);
    out << YAML::Key << "secret" << YAML::Value << config.httpSecret;
    if (config.tls) {
        out << YAML::Key << "tls" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "certificate" << YAML::Value << config.tls->certificateFile;
        out << YAML::Key << "key" << YAML::Value << config.tls->keyFile << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emitAuth(YAML::Emitter& out, const RegistryConfig& config) {
    if (!config.htpasswdFile && !config.token) return;
    out << YAML::Key << "auth" << YAML::Value << YAML::BeginMap;
    if (config.htpasswdFile) {
        out << YAML::Key << "htpasswd" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "realm" << YAML::Value << "signet-test-registry";
        out << YAML::Key << "path" << YAML::Value << *config.htpasswdFile << YAML::EndMap;
    }
    if (config.token) {
        out << YAML::Key << "token" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "realm" << YAML::Value << config.token->realm;
        out << YAML::Key << "service" << YAML::Value << config.token->service;
        out << YAML::Key << "issuer" << YAML::Value << config.token->issuer;
        out << YAML::Key << "rootcertbundle" << YAML::Value << config.token->rootCertBundle;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

}  // namespace

std::string registryConfigYaml(const RegistryConfig& config) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << "0.1";
    out << YAML::Key << "log" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "level" << YAML::Value << "info";
    out << YAML::Key << "formatter" << YAML::Value << "text" << YAML::EndMap;
    emitStorage(out, config);
    emitHttp(out, config);
    emitAuth(out, config);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace signet::testing
