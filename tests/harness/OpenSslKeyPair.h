// OpenSslKeyPair: a P-256 key made by the openssl command, not by signet — for the other signers
// (sigstore-js) whose keys signet only verifies.
#pragma once

#include <string>

namespace signet::testing {

// Writes PREFIX.key (unencrypted PKCS#8 PEM) and PREFIX.pub (PKIX PEM).
void writeOpenSslKeyPair(const std::string& prefix);

}  // namespace signet::testing
