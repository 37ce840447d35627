#include "sigstore/KeylessSigner.h"

#include "error/Error.h"
#include "sigstore/CertificateTrust.h"

namespace signet::sigstore {

KeylessSigner::KeylessSigner(crypto::KeySigner key, std::vector<crypto::Certificate> chain)
    : key_(std::move(key)), chain_(std::move(chain)), identity_(identityOf(chain_.front())) {}

std::vector<std::string> KeylessSigner::certificateChain() const {
    std::vector<std::string> pems;
    for (const auto& certificate : chain_) pems.push_back(certificate.pem());
    return pems;
}

std::unique_ptr<KeylessSigner> certifyEphemeralKey(const IdentityToken& token,
                                                   CertificateAuthority& ca,
                                                   const TrustedRoot& root,
                                                   const net::Deadline& deadline, std::time_t now,
                                                   std::atomic<int>* retries) {
    crypto::KeySigner key(crypto::PrivateKey::generateEcdsaP256());
    const crypto::PublicKey publicKey =
        crypto::PublicKey::fromPem(key.verifier()->publicKeyPem(), "ephemeral");
    const std::string proof = key.sign(token.proofSubject());
    std::vector<crypto::Certificate> chain =
        ca.signingCertificate(token, publicKey, proof, deadline, retries);
    const std::string what = "the certificate from " + ca.url();
    if (chain.front().publicKey().pkixDer() != publicKey.pkixDer())
        throw Error(ErrorKind::Verify, what + " certifies another key");
    if (!chain.front().validAt(now))
        throw Error(ErrorKind::Verify, what + " is not valid now (check the clocks)");
    const std::vector<crypto::Certificate> intermediates(chain.begin() + 1, chain.end());
    if (const std::string problem = certificateProblem(chain.front(), intermediates, root);
        !problem.empty())
        throw Error(ErrorKind::Verify, what + ": " + problem);
    return std::make_unique<KeylessSigner>(std::move(key), std::move(chain));
}

}  // namespace signet::sigstore
