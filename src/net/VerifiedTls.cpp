#include "net/VerifiedTls.h"

#include <Poco/Net/SSLException.h>
#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <utility>

#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "net/CaBundle.h"

namespace signet::net {
namespace {

constexpr const char* kCipherList = "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH";
constexpr int kMaxNamesShown = 8;

// What the last verifying handshake on this thread refused (error X509_V_OK: nothing). The
// handshake runs on the thread that sends the request, so the catch site reads it right after.
struct CertificateRefusal {
    int error = X509_V_OK;
    std::string names;     // the leaf's subjectAltName DNS and IP entries
    std::string issuer;    // of the certificate that failed
    std::string notAfter;  // of the certificate that failed
    std::string notBefore;
};
thread_local CertificateRefusal lastRefusal;

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};

// Certificate text comes from the peer: keep it printable and on one line.
std::string printable(std::string_view text) {
    std::string out;
    for (char c : text) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return out;
}

std::string ipText(const ASN1_OCTET_STRING* octets) {
    char text[INET6_ADDRSTRLEN] = "?";
    int length = ASN1_STRING_length(octets);
    const unsigned char* data = ASN1_STRING_get0_data(octets);
    if (length == 4) inet_ntop(AF_INET, data, text, sizeof text);
    if (length == 16) inet_ntop(AF_INET6, data, text, sizeof text);
    return text;
}

std::string subjectAltNames(X509* cert) {
    auto* names =
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    std::string out;
    int count = names ? sk_GENERAL_NAME_num(names) : 0;
    int shown = 0;
    for (int i = 0; i < count; ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        std::string entry;
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING* dns = name->d.dNSName;
            entry = "DNS:" + printable({reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                        static_cast<std::size_t>(ASN1_STRING_length(dns))});
        } else if (name->type == GEN_IPADD) {
            entry = "IP:" + ipText(name->d.iPAddress);
        } else {
            continue;
        }
        if (shown++ == kMaxNamesShown) {
            out += ", ...";
            break;
        }
        out += (out.empty() ? "" : ", ") + entry;
    }
    GENERAL_NAMES_free(names);
    return out.empty() ? "no DNS or IP subjectAltName" : out;
}

std::string timeText(const ASN1_TIME* time) {
    std::tm when{};
    if (!time || ASN1_TIME_to_tm(time, &when) != 1) return "?";
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &when);
    return text;
}

std::string nameText(const X509_NAME* name) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "?";
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return printable({data, static_cast<std::size_t>(size)});
}

// Replaces OpenSSL's chain verification for verifying contexts: the same check (chain, dates,
// host), remembering what it refused so the error can say so.
int verifyAndRecord(X509_STORE_CTX* store, void*) {
    int ok = X509_verify_cert(store);
    lastRefusal = {};
    if (ok == 1) return 1;
    lastRefusal.error = X509_STORE_CTX_get_error(store);
    if (X509* leaf = X509_STORE_CTX_get0_cert(store)) lastRefusal.names = subjectAltNames(leaf);
    X509* failed = X509_STORE_CTX_get_current_cert(store);
    if (!failed) failed = X509_STORE_CTX_get0_cert(store);
    if (failed) {
        lastRefusal.issuer = nameText(X509_get_issuer_name(failed));
        lastRefusal.notAfter = timeText(X509_get0_notAfter(failed));
        lastRefusal.notBefore = timeText(X509_get0_notBefore(failed));
    }
    if (lastRefusal.error == X509_V_OK) lastRefusal.error = X509_V_ERR_UNSPECIFIED;
    return 0;
}

bool isIpLiteral(const std::string& host) {
    unsigned char address[16];
    return inet_pton(AF_INET, host.c_str(), address) == 1 ||
           inet_pton(AF_INET6, host.c_str(), address) == 1;
}

Poco::Net::Context::Ptr clientContext(bool verify, const TlsTrust& trust) {
    using Poco::Net::Context;
    Context::Params params;
    params.verificationMode = verify ? Context::VERIFY_RELAXED : Context::VERIFY_NONE;
    params.loadDefaultCAs = verify && trust.systemStore;
    params.cipherList = kCipherList;
    Context::Ptr context = new Context(Context::TLS_CLIENT_USE, params);
    // OpenSSL checks the name during the handshake; Poco's later check skips loopback hosts and
    // matches certificate names by resolving them through DNS.
    context->enableExtendedCertificateVerification(false);
    if (SSL_CTX_set_min_proto_version(context->sslContext(), TLS1_2_VERSION) != 1)
        throw Error(ErrorKind::Internal, "OpenSSL cannot require TLS 1.2");
    if (verify && !trust.caPem.empty()) addCaBundle(context->sslContext(), trust.caPem);
    return context;
}

void requireHost(SSL_CTX* ssl, const std::string& host) {
    X509_VERIFY_PARAM* param = SSL_CTX_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(
        param, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    int set = isIpLiteral(host) ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                                : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    if (host.empty() || set != 1)
        throw Error(ErrorKind::Usage,
                    "cannot check a TLS certificate for host \"" + printable(host) + "\"");
}

bool offersOnlyOldProtocols(const std::string& text) {
    return text.find("unsupported protocol") != std::string::npos ||
           text.find("protocol version") != std::string::npos;
}

bool isUntrustedIssuer(int error) {
    return error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
           error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
           error == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
           error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
           error == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}

std::string describeRefusal(const CertificateRefusal& r, const std::string& host,
                            const std::string& hostPort, const std::string& caHint) {
    const std::string cert = "the TLS certificate of " + hostPort;
    switch (r.error) {
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return cert + " is for " + r.names + ", not " + printable(host);
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return cert + " (" + r.names + ") expired at " + r.notAfter;
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return cert + " (" + r.names + ") is not valid before " + r.notBefore;
        default:
            break;
    }
    if (isUntrustedIssuer(r.error)) {
        return cert + " (issued by " + r.issuer + ") is not signed by a trusted CA" +
               (caHint.empty() ? "" : "; " + caHint);
    }
    return cert + " was refused: " + X509_verify_cert_error_string(r.error);
}

}  // namespace

Poco::Net::Context::Ptr verifyingClientContext(const std::string& host, const TlsTrust& trust) {
    Poco::Net::Context::Ptr context = clientContext(true, trust);
    SSL_CTX* ssl = context->sslContext();
    requireHost(ssl, host);
    // Poco's own callback would let a registered handler ignore errors: none is used.
    SSL_CTX_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(ssl, verifyAndRecord, nullptr);
    return context;
}

Poco::Net::Context::Ptr unverifiedClientContext() {
    return clientContext(false, {});
}

namespace {

// OpenSSL's words when the peer's first bytes are no TLS record, as a plain-HTTP server's are.
bool peerIsNotTls(const std::string& text) {
    return text.find("wrong version number") != std::string::npos ||
           text.find("packet length too long") != std::string::npos ||
           text.find("http request") != std::string::npos;
}

}  // namespace

std::string describeTlsFailure(const std::string& host, unsigned short port,
                               const Poco::Exception& e, const std::string& caHint) {
    const std::string hostPort = host + ":" + std::to_string(port);
    const std::string text = printable(e.displayText());
    CertificateRefusal refusal = std::exchange(lastRefusal, {});
    if (offersOnlyOldProtocols(text)) {
        return hostPort + " does not speak TLS 1.2 or later, which signet requires (" + text + ")";
    }
    if (peerIsNotTls(text)) {
        return hostPort +
               " does not answer in TLS; if it is a plain-HTTP registry, allow it with " +
               spellSetting("registry.insecure", hostPort) + " (" + text + ")";
    }
    if (refusal.error != X509_V_OK && text.find("certificate verify failed") != std::string::npos)
        return describeRefusal(refusal, host, hostPort, caHint);
    return "TLS with " + hostPort + " failed: " + text;
}

bool isPermanentTlsFailure(const Poco::Exception& e) {
    if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&e)) return true;
    const std::string text = e.displayText();
    return text.find("certificate") != std::string::npos || offersOnlyOldProtocols(text) ||
           peerIsNotTls(text);
}

}  // namespace signet::net
