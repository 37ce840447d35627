#include "config/KeyPassword.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "error/Error.h"

namespace signet::config {
namespace {

constexpr std::size_t kMaxPasswordBytes = 64 * 1024;

}  // namespace

std::optional<Secret> resolveKeyPassword(const TaskSpec& spec) {
    if (spec.keyPassword) return spec.keyPassword;
    if (!spec.passwordFile) return std::nullopt;
    const std::string& path = *spec.passwordFile;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Config, originOf(spec, "password_file") + ": cannot read " + path +
                                           " (" + std::strerror(errno) + ")");
    }
    std::string text(kMaxPasswordBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    const auto size = static_cast<std::size_t>(in.gcount());
    if (size > kMaxPasswordBytes) {
        OPENSSL_cleanse(text.data(), text.size());
        throw Error(ErrorKind::Config,
                    originOf(spec, "password_file") + ": " + path + " is larger than 64 KiB");
    }
    std::size_t length = size;
    if (length > 0 && text[length - 1] == '\n') --length;
    if (length > 0 && text[length - 1] == '\r' && length + 1 == size) --length;
    Secret password(text.substr(0, length));
    OPENSSL_cleanse(text.data(), text.size());
    return password;
}

}  // namespace signet::config
