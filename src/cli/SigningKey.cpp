#include "cli/SigningKey.h"

#include "config/KeySourceFromEnvironment.h"
#include "crypto/KeyLoader.h"

namespace signet::cli {

std::unique_ptr<crypto::Signer> loadSigningKey(const std::string& keyFlag, const Environment& env,
                                               secret::SecretSink& secrets,
                                               const net::Deadline& deadline) {
    return crypto::loadSigner(config::signingKeySource(keyFlag, env), secrets, deadline);
}

}  // namespace signet::cli
