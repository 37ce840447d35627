// RandomBytes: cryptographically secure random bytes from OpenSSL's DRBG.
#pragma once

#include <cstddef>
#include <string>

namespace signet::crypto {

std::string randomBytes(std::size_t count);

}  // namespace signet::crypto
