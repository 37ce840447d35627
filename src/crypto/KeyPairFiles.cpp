#include "crypto/KeyPairFiles.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "crypto/EncryptedKeyFile.h"
#include "crypto/KeyReference.h"
#include "crypto/KubernetesConfig.h"
#include "crypto/KubernetesSecret.h"
#include "crypto/Password.h"
#include "crypto/PrivateKey.h"
#include "crypto/SecretFile.h"
#include "error/Error.h"
#include "io/FileContents.h"

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
    io::writeFileContents(path, content, mode, overwrite, ErrorKind::Usage, "key file");
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

KubernetesKeyPair generateKubernetesKeyPair(const std::string& ref, const KubernetesAccess& access,
                                            const KeyPairOptions& options,
                                            const PasswordSource& source,
                                            secret::SecretSink& secrets,
                                            const net::Deadline& deadline) {
    const KeyReference parsed = parseKeyReference(ref, "");
    if (parsed.kind != KeyReference::Kind::Kubernetes) {
        throw Error(ErrorKind::Usage,
                    "generate-key-pair writes to k8s://namespace/name only, not " + ref +
                        "; use --output-key-prefix for files");
    }
    KubernetesKeyPair result{
        parsed.ns, parsed.secret, false,
        (options.prefix.empty() ? kGeneratedKeyPrefix : options.prefix) + std::string(".pub")};
    const KubernetesConfig config = loadKubernetesConfig(access, ref);
    const PrivateKey key = PrivateKey::generateEcdsaP256();
    SecretBytes password = resolvePassword(source, std::nullopt, ref, secrets);
    const std::string publicPem = key.publicKey().pkixPem();
    std::string encrypted = encryptKeyFile(key.toPkcs8(), password);
    std::map<std::string, SecretBytes> data;
    data.emplace("cosign.key", SecretBytes(encrypted));
    data.emplace("cosign.pub", SecretBytes(publicPem));
    data.emplace("cosign.password", password);
    result.replaced =
        writeKubernetesSecret(config, parsed.ns, parsed.secret, data, options.overwrite, ref,
                              deadline) == SecretWrite::Replaced;
    writeFileWithMode(result.publicKey, publicPem, 0644, true);
    return result;
}

}  // namespace signet::crypto
