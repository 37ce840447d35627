// CaBundle: extra CA certificates as PEM text, read once from a regular file and added to a TLS
// context's store (OpenSSL is never handed a path, so a FIFO there cannot block it).
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace signet::net {

// The PEM text of `path`, read with io::readFileContents (at most 16 MiB, a regular file);
// throws Error(Config) naming `what` and the path when it cannot be read or holds no certificate.
std::string readCaBundle(const std::string& path, const std::string& what);

// True when `pem` holds at least one PEM certificate.
bool holdsCertificate(const std::string& pem);

// Adds every certificate of `pem` to the context's trust store.
void addCaBundle(SSL_CTX* context, const std::string& pem);

}  // namespace signet::net
