#include "cli/SigningKey.h"

#include "crypto/KeyLoader.h"

namespace signet::cli {

std::unique_ptr<crypto::Signer> loadSigningKey(const std::string& keyFlag, const Environment& env,
                                               secret::SecretSink& secrets,
                                               const net::Deadline& deadline) {
    std::string key = keyFlag;
    if (key.empty()) key = env.getOr("SIGNET_KEY", env.getOr("COSIGN_KEY", ""));
    return crypto::loadSigner(key, env, secrets, deadline);
}

}  // namespace signet::cli
