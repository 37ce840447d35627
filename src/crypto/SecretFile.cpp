#include "crypto/SecretFile.h"

#include <openssl/crypto.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "error/Error.h"
#include "io/RegularFile.h"

namespace signet::crypto {
namespace {

constexpr std::size_t kMaxSecretFileSize = 1 << 20;

[[noreturn]] void failRead(const std::string& path, const std::string& what, int error) {
    throw Error(ErrorKind::Key, "cannot read " + what + " " + path + ": " + std::strerror(error));
}

// Reads up to kMaxSecretFileSize bytes into a buffer that is cleansed before it is released.
SecretBytes readAll(int fd, const std::string& path, const std::string& what) {
    std::string buffer(kMaxSecretFileSize + 1, '\0');
    std::size_t total = 0;
    while (total < buffer.size()) {
        ssize_t n = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int error = errno;
            OPENSSL_cleanse(buffer.data(), total);
            failRead(path, what, error);
        }
        if (n == 0) break;
        total += static_cast<std::size_t>(n);
    }
    SecretBytes result(std::string_view(buffer.data(), total));
    OPENSSL_cleanse(buffer.data(), total);
    if (total > kMaxSecretFileSize) {
        throw Error(ErrorKind::Key, "cannot read " + what + " " + path + ": larger than 1 MiB");
    }
    return result;
}

std::optional<SecretBytes> readFile(const std::string& path, const std::string& what,
                                    bool optional) {
    std::optional<io::FileDescriptor> file =
        optional ? io::openRegularFileIfPresent(path, ErrorKind::Key, what)
                 : io::openRegularFile(path, ErrorKind::Key, what);
    if (!file) return std::nullopt;
    return readAll(file->get(), path, what);
}

}  // namespace

SecretBytes readSecretFile(const std::string& path, const std::string& what) {
    return *readFile(path, what, false);
}

std::optional<SecretBytes> readOptionalSecretFile(const std::string& path,
                                                  const std::string& what) {
    return readFile(path, what, true);
}

}  // namespace signet::crypto
