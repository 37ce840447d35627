// KubernetesSecret: reads one Secret's data from the Kubernetes API server (GET, TLS verified).
#pragma once

#include <map>
#include <string>

#include "crypto/KubernetesConfig.h"
#include "crypto/SecretBytes.h"
#include "net/Deadline.h"

namespace signet::crypto {

// GET /api/v1/namespaces/{ns}/secrets/{name}; returns `data` with the base64 values decoded.
// 401/403 → Error(Auth), 404 → Error(NotFound), unreachable → Error(Network), not answered by
// `deadline` (connect, TLS, every read and write) → Error(Timeout); all name `keyRef`.
std::map<std::string, SecretBytes> readKubernetesSecret(const KubernetesConfig& config,
                                                        const std::string& ns,
                                                        const std::string& name,
                                                        const std::string& keyRef,
                                                        const net::Deadline& deadline);

enum class SecretWrite { Created, Replaced };

// Creates the Secret {ns}/{name} holding `data` (POST), Immutable when the server is Kubernetes
// 1.21 or later as cosign makes it. An existing Secret is refused with Error(Usage) unless
// `replace`; then its other data keys are kept and these replaced (PUT), and an immutable one is
// refused naming `kubectl delete`. Errors as readKubernetesSecret; nothing sent is logged.
SecretWrite writeKubernetesSecret(const KubernetesConfig& config, const std::string& ns,
                                  const std::string& name,
                                  const std::map<std::string, SecretBytes>& data, bool replace,
                                  const std::string& keyRef, const net::Deadline& deadline);

}  // namespace signet::crypto
