// KubernetesConfig: how to reach the Kubernetes API: $KUBECONFIG / ~/.kube/config, or in-cluster.
#pragma once

#include <string>

#include "crypto/KeySource.h"
#include "crypto/SecretBytes.h"

namespace signet::crypto {

struct KubernetesConfig {
    std::string server;         // e.g. "https://10.0.0.1:443"
    std::string caPem;          // CA certificates that must sign the server's; empty: system CAs
    SecretBytes token;          // bearer token; empty when none
    SecretBytes clientCertPem;  // client certificate (PEM); empty when none
    SecretBytes clientKeyPem;   // its private key (PEM)
};

// The kubeconfig at `access.kubeconfig` (the first existing entry of the ':' list) or
// `access.home`/.kube/config
// (current-context → cluster server + certificate-authority[-data], user token[-file] or
// client-certificate[-data] + client-key[-data]); otherwise the in-cluster configuration from
// KUBERNETES_SERVICE_HOST/PORT and the service-account directory (SIGNET_K8S_SERVICEACCOUNT_DIR).
// Errors name `keyRef`.
KubernetesConfig loadKubernetesConfig(const KubernetesAccess& access, const std::string& keyRef);

}  // namespace signet::crypto
