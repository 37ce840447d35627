#include "crypto/KeyPairFiles.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "crypto/EncryptedKeyFile.h"
#include "crypto/Password.h"
#include "crypto/PrivateKey.h"
#include "crypto/SecretFile.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

KeyPairPaths pathsFor(const KeyPairOptions& options, const char* defaultPrefix) {
    std::string prefix = options.prefix.empty() ? defaultPrefix : options.prefix;
    return KeyPairPaths{prefix + ".key", prefix + ".pub"};
}

void refuseExisting(const KeyPairPaths& paths, const KeyPairOptions& options) {
    if (options.overwrite) return;
    for (const auto& path : {paths.privateKey, paths.publicKey}) {
        std::error_code error;
        if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
            throw Error(ErrorKind::Usage, "refusing to overwrite " + path +
                                              ": remove it or choose another "
                                              "--output-key-prefix");
        }
    }
}

// Writes `content` to `path` with exactly `mode` (umask does not apply).
void writeFileWithMode(const std::string& path, std::string_view content, mode_t mode,
                       bool overwrite) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (overwrite ? O_TRUNC : O_EXCL);
    int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) {
        throw Error(ErrorKind::Usage, "cannot write " + path + ": " + std::strerror(errno));
    }
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t written = 0;
    while (ok && written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    int error = errno;
    ok = (::close(fd) == 0) && ok;
    if (!ok) throw Error(ErrorKind::Usage, "cannot write " + path + ": " + std::strerror(error));
}

KeyPairPaths writeKeyPair(const PrivateKey& key, const KeyPairPaths& paths,
                          const KeyPairOptions& options, const Environment& env,
                          secret::SecretSink& secrets) {
    refuseExisting(paths, options);
    SecretBytes password = resolvePassword(env, std::nullopt, paths.privateKey, secrets);
    std::string encrypted = encryptKeyFile(key.toPkcs8(), password);
    std::string publicPem = key.publicKey().pkixPem();
    writeFileWithMode(paths.privateKey, encrypted, 0600, options.overwrite);
    writeFileWithMode(paths.publicKey, publicPem, 0644, options.overwrite);
    return paths;
}

}  // namespace

KeyPairPaths generateKeyPair(const KeyPairOptions& options, const Environment& env,
                             secret::SecretSink& secrets) {
    return writeKeyPair(PrivateKey::generateEcdsaP256(), pathsFor(options, kGeneratedKeyPrefix),
                        options, env, secrets);
}

KeyPairPaths importKeyPair(const std::string& pemPath, const KeyPairOptions& options,
                           const Environment& env, secret::SecretSink& secrets) {
    SecretBytes pem = readSecretFile(pemPath, "key file");
    PrivateKey key = PrivateKey::fromUnencryptedPem(pem.view(), pemPath);
    return writeKeyPair(key, pathsFor(options, kImportedKeyPrefix), options, env, secrets);
}

}  // namespace signet::crypto
