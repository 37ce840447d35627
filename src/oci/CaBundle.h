// CaBundle: the extra CA certificates of SIGNET_REGISTRY_CA, read once as a regular file and
// added to each TLS context (OpenSSL is never handed the path, so a FIFO cannot block it).
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace signet::oci {

// The PEM text of `path`, read with io::readFileContents (at most 16 MiB, a regular file);
// throws Error(Config) naming the path when it cannot be read or holds no PEM certificate.
std::string readCaBundle(const std::string& path);

// Adds every certificate of `pem` (from readCaBundle) to the context's trust store.
void addCaBundle(SSL_CTX* context, const std::string& pem);

}  // namespace signet::oci
