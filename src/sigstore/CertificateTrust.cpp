#include "sigstore/CertificateTrust.h"

#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sigstore {
namespace {

struct StoreFree {
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
struct StoreContextFree {
    void operator()(X509_STORE_CTX* context) const { X509_STORE_CTX_free(context); }
};
struct StackFree {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};
struct SctListFree {
    void operator()(STACK_OF(SCT) * list) const { SCT_LIST_free(list); }
};

// The chain of `leaf` through `authority` at `when`, or the reason it does not verify. On
// success `issuer` gets the certificate that signed the leaf.
std::string chainProblem(const crypto::Certificate& leaf,
                         const std::vector<crypto::Certificate>& intermediates,
                         const AuthorityChain& authority, std::time_t when,
                         std::optional<crypto::Certificate>& issuer) {
    std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
    std::unique_ptr<STACK_OF(X509), StackFree> untrusted(sk_X509_new_null());
    std::unique_ptr<X509_STORE_CTX, StoreContextFree> context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context) throw Error(ErrorKind::Internal, "out of memory");
    std::vector<crypto::Certificate> held;
    for (std::size_t i = 0; i < authority.certificates.size(); ++i) {
        held.push_back(crypto::Certificate::fromDer(authority.certificates[i],
                                                    "certificate authority " + authority.uri));
        if (i + 1 == authority.certificates.size())
            X509_STORE_add_cert(store.get(), held.back().get());
        else
            sk_X509_push(untrusted.get(), held.back().get());
    }
    for (const auto& certificate : intermediates) sk_X509_push(untrusted.get(), certificate.get());
    X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), untrusted.get());
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_time(param, when);
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_ANY);
    const int ok = X509_verify_cert(context.get());
    const int error = X509_STORE_CTX_get_error(context.get());
    ERR_clear_error();
    if (ok != 1) return X509_verify_cert_error_string(error);
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(context.get());
    if (sk_X509_num(chain) > 1) {
        X509* signer = sk_X509_value(chain, 1);
        unsigned char* der = nullptr;
        const int length = i2d_X509(signer, &der);
        if (length > 0) {
            issuer = crypto::Certificate::fromDer(
                std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(length)),
                "issuer");
        }
        OPENSSL_free(der);
    }
    return "";
}

std::string bigEndian(std::uint64_t value, int bytes) {
    std::string out(static_cast<std::size_t>(bytes), '\0');
    for (int i = bytes - 1; i >= 0; --i, value >>= 8)
        out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
    return out;
}

// The TBSCertificate of `leaf` as the log saw the precertificate: without the SCT list and
// the poison extension.
std::string precertificateTbs(const crypto::Certificate& leaf) {
    crypto::X509Ptr copy(X509_dup(leaf.get()));
    if (!copy) throw Error(ErrorKind::Internal, "out of memory");
    for (int nid : {NID_ct_precert_scts, NID_ct_precert_poison}) {
        const int index = X509_get_ext_by_NID(copy.get(), nid, -1);
        if (index >= 0) X509_EXTENSION_free(X509_delete_ext(copy.get(), index));
    }
    unsigned char* der = nullptr;
    const int length = i2d_re_X509_tbs(copy.get(), &der);
    if (length <= 0) throw Error(ErrorKind::Internal, "OpenSSL could not encode a TBS");
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

std::string bytesOf(const unsigned char* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// RFC 6962 §3.2's digitally-signed struct for a precert_entry.
std::string signedSctData(const SCT* sct, const std::string& issuerKeyHash,
                          const std::string& tbs) {
    unsigned char* extensions = nullptr;
    const std::size_t extensionsLength = SCT_get0_extensions(sct, &extensions);
    std::string data;
    data += '\0';  // v1
    data += '\0';  // certificate_timestamp
    data += bigEndian(SCT_get_timestamp(sct), 8);
    data += bigEndian(1, 2);  // precert_entry
    data += issuerKeyHash;
    data += bigEndian(tbs.size(), 3);
    data += tbs;
    data += bigEndian(extensionsLength, 2);
    data += bytesOf(extensions, extensionsLength);
    return data;
}

}  // namespace

std::string embeddedSctProblem(const crypto::Certificate& leaf, const crypto::Certificate& issuer,
                               const TrustedRoot& root) {
    std::unique_ptr<STACK_OF(SCT), SctListFree> scts(static_cast<STACK_OF(SCT)*>(
        X509_get_ext_d2i(leaf.get(), NID_ct_precert_scts, nullptr, nullptr)));
    ERR_clear_error();
    if (!scts || sk_SCT_num(scts.get()) == 0)
        return "the certificate has no embedded signed certificate timestamp (SCT)";
    const std::string issuerKeyHash = crypto::sha256(issuer.publicKey().pkixDer());
    const std::string tbs = precertificateTbs(leaf);
    std::string problem = "no SCT is from a certificate transparency log of the trusted root";
    for (int i = 0; i < sk_SCT_num(scts.get()); ++i) {
        const SCT* sct = sk_SCT_value(scts.get(), i);
        unsigned char* id = nullptr;
        const std::size_t idLength = SCT_get0_log_id(sct, &id);
        const TransparencyLogKey* log = root.ctlogById(bytesOf(id, idLength));
        if (!log) continue;
        unsigned char* signature = nullptr;
        const std::size_t signatureLength = SCT_get0_signature(sct, &signature);
        const auto when = static_cast<std::time_t>(SCT_get_timestamp(sct) / 1000);
        if (!log->validFor.contains(when)) {
            problem = "the SCT's log was not valid when it signed";
            continue;
        }
        if (SCT_get_version(sct) == SCT_VERSION_V1 &&
            log->key->verify(signedSctData(sct, issuerKeyHash, tbs),
                             bytesOf(signature, signatureLength)))
            return "";
        problem = "the SCT's signature does not verify with its log's key";
    }
    return problem;
}

std::string certificateProblem(const crypto::Certificate& leaf,
                               const std::vector<crypto::Certificate>& intermediates,
                               const TrustedRoot& root, bool requireSct) {
    if (root.certificateAuthorities.empty())
        return "the trusted root lists no certificate authority";
    if (!leaf.allowsCodeSigning()) return "the certificate does not allow code signing";
    const std::time_t issued = leaf.notBefore();
    std::string problem =
        "no certificate authority of the trusted root was valid when it was "
        "issued";
    for (const auto& authority : root.certificateAuthorities) {
        if (!authority.validFor.contains(issued)) continue;
        std::optional<crypto::Certificate> issuer;
        problem = chainProblem(leaf, intermediates, authority, issued, issuer);
        if (!problem.empty()) {
            problem = "the certificate does not chain to the trusted root: " + problem;
            continue;
        }
        if (!requireSct) return "";
        if (!issuer) return "the certificate is its own issuer";
        return embeddedSctProblem(leaf, *issuer, root);
    }
    return problem;
}

}  // namespace signet::sigstore
