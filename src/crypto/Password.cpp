#include "crypto/Password.h"

#include "crypto/SecretFile.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"

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

SecretBytes findPassword(const PasswordSource& source, const std::optional<SecretBytes>& stored,
                         const std::string& keyName) {
    if (source.password) return *source.password;
    if (!source.passwordFile.empty()) return readPasswordFile(source.passwordFile);
    if (stored) return *stored;
    throw Error(ErrorKind::Key,
                "key " + keyName + " is encrypted and no password was given: give " +
                    spellSetting("key_password") + " or " + spellSetting("password_file"));
}

}  // namespace

SecretBytes resolvePassword(const PasswordSource& source, const std::optional<SecretBytes>& stored,
                            const std::string& keyName, secret::SecretSink& secrets) {
    SecretBytes password = findPassword(source, stored, keyName);
    secrets.add(password.view());
    return password;
}

}  // namespace signet::crypto
