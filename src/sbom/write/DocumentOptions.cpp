#include "sbom/write/DocumentOptions.h"

#include <openssl/rand.h>

#include <cstdio>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sbom {

std::string randomUuid() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        throw Error(ErrorKind::Internal, "OpenSSL could not produce random bytes for a UUID");
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    std::string hex = crypto::hexEncode(std::string_view(reinterpret_cast<char*>(bytes), 16));
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

DocumentOptions DocumentOptions::fresh(std::optional<std::time_t> created) {
    DocumentOptions options;
    options.uuid = randomUuid();
    options.created = created.value_or(std::time(nullptr));
    return options;
}

}  // namespace signet::sbom
