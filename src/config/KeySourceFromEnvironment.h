// KeySourceFromEnvironment: the crypto::KeySource a command's --key and the environment describe.
#pragma once

#include <string>

#include "config/Environment.h"
#include "config/TaskSpec.h"
#include "crypto/KeySource.h"

namespace signet::config {

// COSIGN_PASSWORD (set-but-empty is the empty password) and SIGNET_PASSWORD_FILE.
crypto::PasswordSource passwordSourceFromEnvironment(const Environment& env);

// KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/PORT and SIGNET_K8S_SERVICEACCOUNT_DIR.
crypto::KubernetesAccess kubernetesAccessFromEnvironment(const Environment& env);

// The private key: `keyFlag`, else SIGNET_KEY, else COSIGN_KEY, else (empty) the key directory
// SIGNET_KEY_DIR; the password from passwordSourceFromEnvironment; env://VAR's value read here.
crypto::KeySource signingKeySource(const std::string& keyFlag, const Environment& env);

// The public key: `keyFlag`, else (empty) the key directory SIGNET_KEY_DIR.
crypto::KeySource verifyingKeySource(const std::string& keyFlag, const Environment& env);

// signet run: the task's key, key directory, password and password file (each from YAML, a
// flag, an input or the environment, by the setting table); `env` gives only env://VAR's value
// and the Kubernetes access.
crypto::KeySource keySourceFor(const TaskSpec& spec, const Environment& env);

}  // namespace signet::config
