// VerifiedTls: the one place signet opens client TLS. Every context it makes requires TLS 1.2 or
// later; a verifying context also checks the chain and the certificate's subjectAltName (DNS or
// IP entry) against the host that was dialled, inside OpenSSL's own verification.
#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>

#include <string>

namespace signet::net {

struct TlsTrust {
    std::string caPem;        // extra PEM CAs (net/CaBundle) trusted on top of, or instead of,
                              // the system store
    bool systemStore = true;  // load the system CA store
};

// A client context that accepts only a certificate chaining to `trust` and naming `host` (an IP
// literal is matched against IP entries, anything else against DNS entries; the subject CN is
// never used). More CAs may be added to its store before the first handshake.
Poco::Net::Context::Ptr verifyingClientContext(const std::string& host, const TlsTrust& trust);

// A client context that accepts any certificate (hosts the user listed as insecure); TLS 1.2+.
Poco::Net::Context::Ptr unverifiedClientContext();

// Why a TLS connection to host:port that threw `e` (on this thread) failed, as one line for a
// message, e.g. "the certificate of 127.0.0.1:5000 names DNS:other.example, not 127.0.0.1".
// `caHint` is appended when the issuer was not trusted (e.g. "set SIGNET_REGISTRY_CA ...").
std::string describeTlsFailure(const std::string& host, unsigned short port,
                               const Poco::Exception& e, const std::string& caHint);

// True when a retry cannot help: the certificate was refused or the protocol is too old.
bool isPermanentTlsFailure(const Poco::Exception& e);

}  // namespace signet::net
