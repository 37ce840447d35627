// KeyMaterial: the PEM texts and password a key reference points at, fetched from where it lives.
#pragma once

#include <optional>
#include <string>

#include "crypto/KeyReference.h"
#include "crypto/KeySource.h"
#include "crypto/SecretBytes.h"
#include "net/Deadline.h"
#include "secret/SecretSink.h"

namespace signet::crypto {

enum class KeyPurpose { Sign, Verify };

struct KeyMaterial {
    std::string name;                     // names the key in messages, e.g. "DIR/cosign.key"
    SecretBytes pem;                      // Sign: the private key PEM; Verify: the public key PEM
    std::optional<SecretBytes> password;  // a stored cosign.password (directory or Secret)
};

// Reads what `ref` names for `purpose`: a file's content, the variable's (`source.variable`); a key
// directory's cosign.key + cosign.password or cosign.pub; a Kubernetes Secret's data keys of the
// same names. Throws Error naming the reference when the material is missing or unreadable. A
// Kubernetes API (`source.kubernetes`) token used on the way is registered with `secrets`.
// `deadline` bounds the Kubernetes API call (Error(Timeout) when it passes).
KeyMaterial fetchKeyMaterial(const KeyReference& ref, KeyPurpose purpose, const KeySource& source,
                             secret::SecretSink& secrets, const net::Deadline& deadline = {});

}  // namespace signet::crypto
