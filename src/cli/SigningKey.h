// SigningKey: who signs for a signing command — the key reference (--key, else SIGNET_KEY, else
// COSIGN_KEY, else the key directory in SIGNET_KEY_DIR), or keyless: an ephemeral key Fulcio
// certifies for the CI's OIDC identity.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/Environment.h"
#include "config/TaskSpec.h"
#include "crypto/Signer.h"
#include "net/Deadline.h"
#include "secret/SecretSink.h"
#include "sigstore/CertificateIdentity.h"
#include "sigstore/SigstoreServices.h"

namespace signet::cli {

// `deadline` bounds fetching a k8s:// key (the command's --timeout).
std::unique_ptr<crypto::Signer> loadSigningKey(const std::string& keyFlag, const Environment& env,
                                               secret::SecretSink& secrets,
                                               const net::Deadline& deadline);

struct SigningSetup {
    std::unique_ptr<sigstore::SigstoreServices> services;  // null: no log, TSA or Fulcio
    std::unique_ptr<crypto::Signer> signer;
    std::optional<sigstore::CertificateIdentity> keyless;  // whom the certificate names
};

// The services `settings` name and the signer: keyless when config::keylessChosen says so
// (the token fetched and the certificate asked for within `deadline`), else the key.
SigningSetup prepareSigning(const std::string& keyFlag, const config::SigstoreSettings& settings,
                            const Environment& env, secret::SecretSink& secrets,
                            const net::Deadline& deadline);

// "signing as <identity> (OIDC issuer <issuer>)", for stderr and the log.
std::string keylessDescription(const sigstore::CertificateIdentity& identity);

}  // namespace signet::cli
