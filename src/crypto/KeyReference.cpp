#include "crypto/KeyReference.h"

#include <filesystem>

#include "error/Error.h"
#include "error/SettingSpelling.h"

namespace signet::crypto {
namespace {

// Kubernetes object names are DNS subdomain names: lower-case letters, digits, '-' and '.'.
bool isKubernetesName(std::string_view name) {
    if (name.empty() || name.size() > 253 || name == "." || name == "..") return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

KeyReference kubernetesReference(const std::string& ref, const std::string& rest) {
    auto slash = rest.find('/');
    if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos ||
        !isKubernetesName(std::string_view(rest).substr(0, slash)) ||
        !isKubernetesName(std::string_view(rest).substr(slash + 1))) {
        throw Error(ErrorKind::Usage, "key reference " + ref +
                                          ": kubernetes specification should be in the format "
                                          "k8s://<namespace>/<secret>");
    }
    KeyReference key{KeyReference::Kind::Kubernetes, ref, "", rest.substr(0, slash),
                     rest.substr(slash + 1)};
    return key;
}

KeyReference schemeReference(const std::string& ref, std::size_t separator) {
    std::string scheme = ref.substr(0, separator);
    std::string rest = ref.substr(separator + 3);
    if (scheme == "env") {
        if (rest.empty()) {
            throw Error(ErrorKind::Usage,
                        "key reference env:// names no environment variable: "
                        "use env://VARIABLE");
        }
        return KeyReference{KeyReference::Kind::EnvVar, ref, rest, "", ""};
    }
    if (scheme == "k8s") return kubernetesReference(ref, rest);
    throw Error(ErrorKind::Usage, "key reference " + ref + ": unrecognized scheme: " + scheme +
                                      ":// (use a file, a key directory, env:// or k8s://)");
}

}  // namespace

KeyReference parseKeyReference(const std::string& ref, const std::string& keyDir) {
    if (ref.empty()) {
        if (keyDir.empty()) {
            throw Error(ErrorKind::Usage, "no key given: give " + spellSetting("key") + " or " +
                                              spellSetting("key_dir"));
        }
        return KeyReference{KeyReference::Kind::Directory, "SIGNET_KEY_DIR=" + keyDir, keyDir, "",
                            ""};
    }
    if (ref.starts_with("pkcs11:")) {
        throw Error(ErrorKind::Usage, "key reference " + ref +
                                          ": pkcs11: keys are not supported by signet (use a "
                                          "file, a key directory, env:// or k8s://)");
    }
    if (auto separator = ref.find("://"); separator != std::string::npos) {
        return schemeReference(ref, separator);
    }
    std::error_code error;
    if (std::filesystem::is_directory(ref, error)) {
        return KeyReference{KeyReference::Kind::Directory, ref, ref, "", ""};
    }
    return KeyReference{KeyReference::Kind::File, ref, ref, "", ""};
}

}  // namespace signet::crypto
