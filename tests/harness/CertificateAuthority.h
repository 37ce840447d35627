// CertificateAuthority: a throw-away P-256 CA that issues server and signing certificates
// (OpenSSL).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace signet::testing {

struct IssuedCertificate {
    std::string certificatePem;
    std::string certificateDer;
    std::string privateKeyPem;  // PKCS#8, unencrypted: test material only
};

struct CertificateRequest {
    std::string commonName;
    std::vector<std::string> dnsNames;     // subjectAltName DNS entries
    std::vector<std::string> ipAddresses;  // subjectAltName IP entries, e.g. "127.0.0.1"
    bool serverAuth = true;                // extendedKeyUsage serverAuth (else no EKU)
    bool rsaKey = false;                   // RSA-2048 instead of P-256 (e.g. for TLS 1.1 servers)
    // Validity relative to now: the default is one hour back (clock skew) to one day ahead.
    std::chrono::seconds notBefore = -std::chrono::hours(1);
    std::chrono::seconds notAfter = std::chrono::hours(24);
};

class CertificateAuthority {
  public:
    explicit CertificateAuthority(const std::string& commonName);
    ~CertificateAuthority();
    CertificateAuthority(const CertificateAuthority&) = delete;
    CertificateAuthority& operator=(const CertificateAuthority&) = delete;

    const std::string& certificatePem() const;
    // A fresh key pair and a certificate for it signed by this CA, valid as the request says.
    IssuedCertificate issue(const CertificateRequest& request) const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
