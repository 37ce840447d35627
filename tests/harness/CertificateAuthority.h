// CertificateAuthority: a throw-away P-256 CA that issues server and signing certificates
// (OpenSSL).
#pragma once

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
};

class CertificateAuthority {
  public:
    explicit CertificateAuthority(const std::string& commonName);
    ~CertificateAuthority();
    CertificateAuthority(const CertificateAuthority&) = delete;
    CertificateAuthority& operator=(const CertificateAuthority&) = delete;

    const std::string& certificatePem() const;
    // A fresh key pair and a certificate for it signed by this CA, valid for one day.
    IssuedCertificate issue(const CertificateRequest& request) const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace signet::testing
