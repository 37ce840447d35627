// KeysFromEnvironment: the key loader fed as the commands feed it, from --key and an Environment
// read by config/ (config/KeySourceFromEnvironment.h).
#pragma once

#include <memory>
#include <string>

#include "config/Environment.h"
#include "config/KeySourceFromEnvironment.h"
#include "crypto/KeyLoader.h"

namespace signet::testing {

inline std::unique_ptr<crypto::Signer> signerFromEnvironment(const std::string& ref,
                                                             const Environment& env,
                                                             secret::SecretSink& secrets,
                                                             const net::Deadline& deadline = {}) {
    return crypto::loadSigner(config::signingKeySource(ref, env), secrets, deadline);
}

inline std::unique_ptr<crypto::Verifier> verifierFromEnvironment(
    const std::string& ref, const Environment& env, secret::SecretSink& secrets,
    const net::Deadline& deadline = {}) {
    return crypto::loadVerifier(config::verifyingKeySource(ref, env), secrets, deadline);
}

}  // namespace signet::testing
