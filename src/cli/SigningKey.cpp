#include "cli/SigningKey.h"

#include "cli/SigstoreFlags.h"
#include "config/KeySourceFromEnvironment.h"
#include "config/SigstoreSetup.h"
#include "crypto/KeyLoader.h"

namespace signet::cli {

std::unique_ptr<crypto::Signer> loadSigningKey(const std::string& keyFlag, const Environment& env,
                                               secret::SecretSink& secrets,
                                               const net::Deadline& deadline) {
    return crypto::loadSigner(config::signingKeySource(keyFlag, env), secrets, deadline);
}

SigningSetup prepareSigning(const std::string& keyFlag, const config::SigstoreSettings& settings,
                            const Environment& env, secret::SecretSink& secrets,
                            const net::Deadline& deadline) {
    const crypto::KeySource keySource = config::signingKeySource(keyFlag, env);
    const sigstore::IdentityTokenSources tokens = config::identityTokenSources(settings, env);
    const bool keyless = config::keylessChosen(settings, tokens,
                                               !keySource.ref.empty() || !keySource.keyDir.empty());
    SigningSetup setup;
    setup.services = connectSigstore(settings, env, keyless);
    if (!keyless) {
        setup.signer = crypto::loadSigner(keySource, secrets, deadline);
        return setup;
    }
    auto signer = setup.services->certify(tokens, secrets, deadline);
    setup.keyless = signer->identity();
    setup.signer = std::move(signer);
    return setup;
}

std::string keylessDescription(const sigstore::CertificateIdentity& identity) {
    return "signing keyless as " + identity.subject() + " (OIDC issuer " + identity.issuer + ")";
}

}  // namespace signet::cli
