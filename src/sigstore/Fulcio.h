// Fulcio: the certificate authority a keyless signer asks to bind its ephemeral key to the
// identity in an OIDC token (CertificateAuthority), and FulcioClient, its API v2 over HTTP.
#pragma once

#include <atomic>

#include <Poco/URI.h>

#include <string>
#include <vector>

#include "crypto/Certificate.h"
#include "net/Deadline.h"
#include "oci/HttpTransport.h"
#include "sigstore/IdentityToken.h"

namespace signet::sigstore {

class CertificateAuthority {
  public:
    virtual ~CertificateAuthority() = default;
    // The chain, leaf first, certifying `key` for `token`'s identity; `proof` is the key's
    // signature over token.proofSubject().
    virtual std::vector<crypto::Certificate> signingCertificate(
        const IdentityToken& token, const crypto::PublicKey& key, const std::string& proof,
        const net::Deadline& deadline, std::atomic<int>* retries = nullptr) = 0;
    virtual std::string url() const = 0;
};

class FulcioClient : public CertificateAuthority {
  public:
    // `base`: the instance's URL, e.g. https://fulcio.sigstore.dev.
    FulcioClient(oci::HttpTransport& transport, Poco::URI base);

    // POST /api/v2/signingCert (the token as credentials and as a bearer token, the PEM key and
    // the base64 proof). Throws Error(Auth) when Fulcio refuses the token or proof (400, 401,
    // 403), Error(Registry) for a chain that does not parse or a detached SCT, and the
    // transport's errors.
    std::vector<crypto::Certificate> signingCertificate(
        const IdentityToken& token, const crypto::PublicKey& key, const std::string& proof,
        const net::Deadline& deadline, std::atomic<int>* retries = nullptr) override;
    std::string url() const override { return base_.toString(); }

  private:
    oci::HttpTransport& transport_;
    Poco::URI base_;
};

}  // namespace signet::sigstore
