// Password: where an encrypted key's password comes from, in cosign's order, never from stdin.
#pragma once

#include <optional>
#include <string>

#include "crypto/KeySource.h"
#include "crypto/SecretBytes.h"
#include "secret/SecretSink.h"

namespace signet::crypto {

// 1. `source.password` (COSIGN_PASSWORD) when set, even when empty;
// 2. else the file `source.passwordFile` (SIGNET_PASSWORD_FILE), minus one trailing "\n" (or
//    "\r\n");
// 3. else `stored`: the key directory's or Kubernetes Secret's `cosign.password`, as is;
// 4. else Error(Key, "key NAME is encrypted and no password was given: ...").
// The password found is registered with `secrets`.
SecretBytes resolvePassword(const PasswordSource& source, const std::optional<SecretBytes>& stored,
                            const std::string& keyName, secret::SecretSink& secrets);

}  // namespace signet::crypto
