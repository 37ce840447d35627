// SecretFile: reading a whole file that holds a key or password into wiped memory.
#pragma once

#include <optional>
#include <string>

#include "crypto/SecretBytes.h"

namespace signet::crypto {

// The file's bytes (symbolic links followed), opened with io::openRegularFile so that a FIFO,
// socket or device is refused, not waited on. Throws Error(Key, "cannot read WHAT PATH: cause").
SecretBytes readSecretFile(const std::string& path, const std::string& what);
// Like readSecretFile, but nullopt when the file does not exist.
std::optional<SecretBytes> readOptionalSecretFile(const std::string& path, const std::string& what);

}  // namespace signet::crypto
