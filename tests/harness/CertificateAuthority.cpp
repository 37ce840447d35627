#include "harness/CertificateAuthority.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace signet::testing {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

PkeyPtr newP256Key() {
    PkeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen(P-256)");
    return key;
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(size));
}

void addExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    check(extension != nullptr, "X509V3_EXT_conf_nid");
    int added = X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    check(added == 1, "X509_add_ext");
}

PkeyPtr newRsaKey() {
    PkeyPtr key(EVP_RSA_gen(2048));
    check(key != nullptr, "EVP_RSA_gen(2048)");
    return key;
}

struct Validity {
    std::chrono::seconds notBefore = -std::chrono::hours(1);  // clock skew
    std::chrono::seconds notAfter = std::chrono::hours(24);
};

// Serial, validity (relative to now), subject, key.
X509Ptr newCertificate(const std::string& commonName, EVP_PKEY* key, Validity validity = {}) {
    X509Ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7f;
    BIGNUM* serialNumber = BN_bin2bn(serial, sizeof serial, nullptr);
    check(serialNumber != nullptr &&
              BN_to_ASN1_INTEGER(serialNumber, X509_get_serialNumber(cert.get())) != nullptr,
          "serial number");
    BN_free(serialNumber);
    check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(validity.notBefore.count()));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validity.notAfter.count()));
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(commonName.c_str()), -1,
                                     -1, 0) == 1,
          "subject name");
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
    return cert;
}

std::string certificatePemOf(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return drain(bio.get());
}

std::string certificateDerOf(X509* cert) {
    int size = i2d_X509(cert, nullptr);
    check(size > 0, "i2d_X509");
    std::string der(static_cast<size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(cert, &out);
    return der;
}

std::string privateKeyPemOf(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(
        bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
    return drain(bio.get());
}

std::string subjectAltNames(const CertificateRequest& request) {
    std::string names;
    for (const auto& dns : request.dnsNames) names += (names.empty() ? "" : ",") + ("DNS:" + dns);
    for (const auto& ip : request.ipAddresses) names += (names.empty() ? "" : ",") + ("IP:" + ip);
    return names;
}

}  // namespace

struct CertificateAuthority::State {
    PkeyPtr key;
    X509Ptr certificate;
    std::string certificatePem;
};

CertificateAuthority::CertificateAuthority(const std::string& commonName)
    : state_(std::make_unique<State>()) {
    state_->key = newP256Key();
    state_->certificate = newCertificate(commonName, state_->key.get());
    X509* cert = state_->certificate.get();
    check(X509_set_issuer_name(cert, X509_get_subject_name(cert)) == 1, "X509_set_issuer_name");
    addExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    addExtension(cert, cert, NID_subject_key_identifier, "hash");
    check(X509_sign(cert, state_->key.get(), EVP_sha256()) > 0, "X509_sign (CA)");
    state_->certificatePem = certificatePemOf(cert);
}

CertificateAuthority::~CertificateAuthority() = default;

const std::string& CertificateAuthority::certificatePem() const {
    return state_->certificatePem;
}

IssuedCertificate CertificateAuthority::issue(const CertificateRequest& request) const {
    PkeyPtr key = request.rsaKey ? newRsaKey() : newP256Key();
    X509Ptr cert =
        newCertificate(request.commonName, key.get(), {request.notBefore, request.notAfter});
    X509* caCert = state_->certificate.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(caCert)) == 1,
          "X509_set_issuer_name");
    addExtension(cert.get(), caCert, NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), caCert, NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), caCert, NID_authority_key_identifier, "keyid:always");
    if (request.serverAuth) addExtension(cert.get(), caCert, NID_ext_key_usage, "serverAuth");
    std::string altNames = subjectAltNames(request);
    if (!altNames.empty()) addExtension(cert.get(), caCert, NID_subject_alt_name, altNames);
    check(X509_sign(cert.get(), state_->key.get(), EVP_sha256()) > 0, "X509_sign");
    return {certificatePemOf(cert.get()), certificateDerOf(cert.get()), privateKeyPemOf(key.get())};
}

}  // namespace signet::testing
