#include "crypto/Certificate.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "crypto/Pem.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";

std::time_t timeOf(const ASN1_TIME* time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
    return timegm(&tm);
}

std::string stringOf(const ASN1_STRING* text) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                       static_cast<std::size_t>(ASN1_STRING_length(text)));
}

}  // namespace

Certificate Certificate::fromDer(std::string_view der, const std::string& what) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    const auto* end = cursor + der.size();
    X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    ERR_clear_error();
    if (!certificate || cursor != end)
        throw Error(ErrorKind::Verify, what + ": not a DER X.509 certificate");
    return Certificate(std::move(certificate));
}

std::vector<Certificate> Certificate::chainFromPem(std::string_view pem, const std::string& what) {
    std::vector<Certificate> chain;
    for (std::size_t at = pem.find(kBegin); at != std::string_view::npos;
         at = pem.find(kBegin, at + kBegin.size())) {
        auto block = decodeFirstPem(pem.substr(at));
        if (!block || block->type != "CERTIFICATE")
            throw Error(ErrorKind::Verify, what + ": a damaged CERTIFICATE PEM block");
        chain.push_back(fromDer(std::string_view(reinterpret_cast<const char*>(block->bytes.data()),
                                                 block->bytes.size()),
                                what));
    }
    if (chain.empty()) throw Error(ErrorKind::Verify, what + ": no CERTIFICATE PEM block");
    return chain;
}

std::string Certificate::der() const {
    unsigned char* der = nullptr;
    const int length = i2d_X509(certificate_.get(), &der);
    if (length <= 0) throw Error(ErrorKind::Internal, "OpenSSL could not encode a certificate");
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

std::string Certificate::pem() const {
    return encodePem("CERTIFICATE", der());
}

PublicKey Certificate::publicKey() const {
    EvpPkeyPtr key(X509_get_pubkey(certificate_.get()));
    ERR_clear_error();
    if (!key) throw Error(ErrorKind::Verify, "the certificate's public key does not parse");
    try {
        const KeyAlgorithm algorithm = classifyKey(key.get(), "in the certificate");
        return PublicKey(std::move(key), algorithm);
    } catch (const Error& e) {
        throw Error(ErrorKind::Verify, e.what());
    }
}

std::time_t Certificate::notBefore() const {
    return timeOf(X509_get0_notBefore(certificate_.get()));
}

std::time_t Certificate::notAfter() const {
    return timeOf(X509_get0_notAfter(certificate_.get()));
}

std::vector<std::string> Certificate::subjectAlternativeNames() const {
    std::vector<std::string> names;
    auto* general = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate_.get(), NID_subject_alt_name, nullptr, nullptr));
    if (!general) return names;
    for (int i = 0; i < sk_GENERAL_NAME_num(general); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(general, i);
        if (name->type == GEN_EMAIL || name->type == GEN_URI || name->type == GEN_DNS)
            names.push_back(stringOf(name->d.ia5));
    }
    GENERAL_NAMES_free(general);
    return names;
}

std::optional<std::string> Certificate::extension(const std::string& oid) const {
    ASN1_OBJECT* object = OBJ_txt2obj(oid.c_str(), 1);
    if (!object) return std::nullopt;
    const int index = X509_get_ext_by_OBJ(certificate_.get(), object, -1);
    ASN1_OBJECT_free(object);
    if (index < 0) return std::nullopt;
    X509_EXTENSION* found = X509_get_ext(certificate_.get(), index);
    return stringOf(X509_EXTENSION_get_data(found));
}

bool Certificate::allowsCodeSigning() const {
    const uint32_t usage = X509_get_extended_key_usage(certificate_.get());
    return (usage & XKU_CODE_SIGN) != 0 && usage != UINT32_MAX;
}

}  // namespace signet::crypto
