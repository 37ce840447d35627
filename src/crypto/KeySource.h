// KeySource: where a key and its password come from, as config/ read them (cosign's key + pass).
#pragma once

#include <optional>
#include <string>

#include "crypto/SecretBytes.h"

namespace signet::crypto {

// Where an encrypted key's password comes from, in cosign's order (Password.h).
struct PasswordSource {
    std::optional<SecretBytes> password;  // COSIGN_PASSWORD / key-password; set-but-empty = ""
    std::string passwordFile;             // SIGNET_PASSWORD_FILE; empty: none
};

// How a k8s:// reference reaches the Kubernetes API (KubernetesConfig.h).
struct KubernetesAccess {
    std::string kubeconfig;   // KUBECONFIG as given, a ':' list; empty: unset
    std::string home;         // HOME, for ~/.kube/config; empty: unset
    std::string serviceHost;  // KUBERNETES_SERVICE_HOST (in-cluster)
    std::string servicePort;  // KUBERNETES_SERVICE_PORT
    std::string serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";
};

struct KeySource {
    std::string ref;     // --key as given (a file, a key directory, env://VAR, k8s://ns/name)
    std::string keyDir;  // SIGNET_KEY_DIR: the key directory when `ref` is empty
    PasswordSource password;
    std::optional<SecretBytes> variable;  // env://VAR: VAR's value, when it is set
    KubernetesAccess kubernetes;
};

}  // namespace signet::crypto
