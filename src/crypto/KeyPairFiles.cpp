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
#include "io/RegularFile.h"

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
    io::FileDescriptor file =
        io::createRegularFile(path, mode, overwrite, ErrorKind::Usage, "key file");
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(file.get(), content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw Error(ErrorKind::Usage, "cannot write key file " + path + ": " +
                                              std::strerror(n < 0 ? errno : EIO));
        written += static_cast<std::size_t>(n);
    }
}

KeyPairPaths writeKeyPair(const PrivateKey& key, const KeyPairPaths& paths,
                          const KeyPairOptions& options, const PasswordSource& source,
                          secret::SecretSink& secrets) {
    refuseExisting(paths, options);
    SecretBytes password = resolvePassword(source, std::nullopt, paths.privateKey, secrets);
    std::string encrypted = encryptKeyFile(key.toPkcs8(), password);
    std::string publicPem = key.publicKey().pkixPem();
    writeFileWithMode(paths.privateKey, encrypted, 0600, options.overwrite);
    writeFileWithMode(paths.publicKey, publicPem, 0644, options.overwrite);
    return paths;
}

}  // namespace

KeyPairPaths generateKeyPair(const KeyPairOptions& options, const PasswordSource& password,
                             secret::SecretSink& secrets) {
    return writeKeyPair(PrivateKey::generateEcdsaP256(), pathsFor(options, kGeneratedKeyPrefix),
                        options, password, secrets);
}

KeyPairPaths importKeyPair(const std::string& pemPath, const KeyPairOptions& options,
                           const PasswordSource& password, secret::SecretSink& secrets) {
    SecretBytes pem = readSecretFile(pemPath, "key file");
    PrivateKey key = PrivateKey::fromUnencryptedPem(pem.view(), pemPath);
    return writeKeyPair(key, pathsFor(options, kImportedKeyPrefix), options, password, secrets);
}

}  // namespace signet::crypto
