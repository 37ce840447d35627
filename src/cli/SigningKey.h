// SigningKey: the key reference a signing command uses: --key, else SIGNET_KEY, else COSIGN_KEY,
// else (empty) the key directory in SIGNET_KEY_DIR.
#pragma once

#include <memory>
#include <string>

#include "config/Environment.h"
#include "crypto/Signer.h"
#include "net/Deadline.h"
#include "secret/SecretSink.h"

namespace signet::cli {

// `deadline` bounds fetching a k8s:// key (the command's --timeout).
std::unique_ptr<crypto::Signer> loadSigningKey(const std::string& keyFlag, const Environment& env,
                                               secret::SecretSink& secrets,
                                               const net::Deadline& deadline);

}  // namespace signet::cli
