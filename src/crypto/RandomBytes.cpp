#include "crypto/RandomBytes.h"

#include <openssl/rand.h>

#include "error/Error.h"

namespace signet::crypto {

std::string randomBytes(std::size_t count) {
    std::string out(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
        throw Error(ErrorKind::Internal, "OpenSSL could not produce random bytes");
    }
    return out;
}

}  // namespace signet::crypto
