#include "crypto/Password.h"

#include "crypto/SecretFile.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

SecretBytes readPasswordFile(const std::string& path) {
    SecretBytes content = readSecretFile(path, "SIGNET_PASSWORD_FILE");
    std::string_view text = content.view();
    if (!text.empty() && text.back() == '\n') {
        text.remove_suffix(1);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    }
    return SecretBytes(text);
}

SecretBytes findPassword(const Environment& env, const std::optional<SecretBytes>& stored,
                         const std::string& keyName) {
    if (auto password = env.get("COSIGN_PASSWORD")) return SecretBytes(*password);
    if (auto path = env.get("SIGNET_PASSWORD_FILE"); path && !path->empty()) {
        return readPasswordFile(*path);
    }
    if (stored) return *stored;
    throw Error(ErrorKind::Key, "key " + keyName +
                                    " is encrypted and no password was given: set "
                                    "COSIGN_PASSWORD or SIGNET_PASSWORD_FILE");
}

}  // namespace

SecretBytes resolvePassword(const Environment& env, const std::optional<SecretBytes>& stored,
                            const std::string& keyName, secret::SecretSink& secrets) {
    SecretBytes password = findPassword(env, stored, keyName);
    secrets.add(password.view());
    return password;
}

}  // namespace signet::crypto
