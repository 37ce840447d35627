// KeyLoader: a Signer or Verifier from a --key reference (file, env://, key directory, k8s://).
#pragma once

#include <memory>
#include <string>

#include "crypto/KeySource.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "net/Deadline.h"
#include "secret/SecretSink.h"

namespace signet::crypto {

// Signing needs an encrypted cosign key (ENCRYPTED SIGSTORE/COSIGN PRIVATE KEY); its password
// comes from resolvePassword (Password.h). An empty `source.ref` means `source.keyDir`. Every
// secret read on the way (the password, a Kubernetes token) is registered with `secrets`.
// `deadline` bounds a k8s:// reference's API call (the command's --timeout / SIGNET_TIMEOUT).
std::unique_ptr<Signer> loadSigner(const KeySource& source, secret::SecretSink& secrets,
                                   const net::Deadline& deadline = {});

// Verifying needs a public key: the file or variable itself, a key directory's or Secret's
// cosign.pub.
std::unique_ptr<Verifier> loadVerifier(const KeySource& source, secret::SecretSink& secrets,
                                       const net::Deadline& deadline = {});

}  // namespace signet::crypto
