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

}  // namespace signet::crypto
