// Certificate: an owned X.509 certificate (DER or PEM) and what signet reads from it — its key,
// validity, subject alternative names and extensions.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/PublicKey.h"

namespace signet::crypto {

struct X509Free {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

class Certificate {
  public:
    // Throws Error(Verify, "<what>: …") for bytes that are not one DER certificate.
    static Certificate fromDer(std::string_view der, const std::string& what);
    // Every CERTIFICATE block of `pem`, in order. Throws Error(Verify) when there is none or
    // one does not parse.
    static std::vector<Certificate> chainFromPem(std::string_view pem, const std::string& what);

    X509* get() const { return certificate_.get(); }
    std::string der() const;
    // "-----BEGIN CERTIFICATE-----" PEM, as Go's encoding/pem writes it.
    std::string pem() const;
    // The subject public key. Throws Error(Verify) for a key type cosign does not sign with.
    PublicKey publicKey() const;
    std::time_t notBefore() const;
    std::time_t notAfter() const;
    bool validAt(std::time_t when) const { return when >= notBefore() && when <= notAfter(); }
    // The email, URI and DNS subject alternative names, in certificate order.
    std::vector<std::string> subjectAlternativeNames() const;
    // The raw value (the bytes inside the extension's OCTET STRING) of the extension with
    // dotted `oid`, or nullopt.
    std::optional<std::string> extension(const std::string& oid) const;
    // Whether its extended key usage lists code signing.
    bool allowsCodeSigning() const;

  private:
    explicit Certificate(X509Ptr certificate) : certificate_(std::move(certificate)) {}
    std::shared_ptr<X509> certificate_;
};

}  // namespace signet::crypto
