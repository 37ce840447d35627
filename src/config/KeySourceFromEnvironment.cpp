#include "config/KeySourceFromEnvironment.h"

namespace signet::config {
namespace {

constexpr std::string_view kVariableScheme = "env://";

// What only the environment can say of a key: the named variable's value and the cluster.
crypto::KeySource withEnvironment(crypto::KeySource source, const Environment& env) {
    if (source.ref.starts_with(kVariableScheme)) {
        if (auto value = env.get(source.ref.substr(kVariableScheme.size())))
            source.variable = crypto::SecretBytes(*value);
    }
    source.kubernetes = kubernetesAccessFromEnvironment(env);
    return source;
}

}  // namespace

crypto::PasswordSource passwordSourceFromEnvironment(const Environment& env) {
    crypto::PasswordSource source;
    if (auto password = env.get("COSIGN_PASSWORD"))
        source.password = crypto::SecretBytes(*password);
    source.passwordFile = env.getOr("SIGNET_PASSWORD_FILE", "");
    return source;
}

crypto::KubernetesAccess kubernetesAccessFromEnvironment(const Environment& env) {
    crypto::KubernetesAccess access;
    access.kubeconfig = env.getOr("KUBECONFIG", "");
    access.home = env.getOr("HOME", "");
    access.serviceHost = env.getOr("KUBERNETES_SERVICE_HOST", "");
    access.servicePort = env.getOr("KUBERNETES_SERVICE_PORT", "");
    access.serviceAccountDir = env.getOr("SIGNET_K8S_SERVICEACCOUNT_DIR", access.serviceAccountDir);
    return access;
}

crypto::KeySource signingKeySource(const std::string& keyFlag, const Environment& env) {
    crypto::KeySource source;
    source.ref = keyFlag.empty() ? env.getOr("SIGNET_KEY", env.getOr("COSIGN_KEY", "")) : keyFlag;
    source.keyDir = env.getOr("SIGNET_KEY_DIR", "");
    source.password = passwordSourceFromEnvironment(env);
    return withEnvironment(std::move(source), env);
}

crypto::KeySource verifyingKeySource(const std::string& keyFlag, const Environment& env) {
    crypto::KeySource source;
    source.ref = keyFlag;
    source.keyDir = env.getOr("SIGNET_KEY_DIR", "");
    return withEnvironment(std::move(source), env);
}

crypto::KeySource keySourceFor(const TaskSpec& spec, const Environment& env) {
    crypto::KeySource source;
    source.ref = spec.key.value_or("");
    source.keyDir = spec.keyDir.value_or("");
    source.password.password = spec.keyPassword;
    source.password.passwordFile = spec.passwordFile.value_or("");
    return withEnvironment(std::move(source), env);
}

}  // namespace signet::config
