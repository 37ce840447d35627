#include "crypto/KeyMaterial.h"

#include "crypto/KubernetesConfig.h"
#include "crypto/KubernetesSecret.h"
#include "crypto/SecretFile.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

const char* fileFor(KeyPurpose purpose) {
    return purpose == KeyPurpose::Sign ? "cosign.key" : "cosign.pub";
}

KeyMaterial fromVariable(const KeyReference& ref, const std::optional<SecretBytes>& value) {
    if (!value) {
        throw Error(ErrorKind::Key, "key reference " + ref.text + ": environment variable " +
                                        ref.location + " is not set");
    }
    return KeyMaterial{ref.text, *value, std::nullopt};
}

KeyMaterial fromDirectory(const KeyReference& ref, KeyPurpose purpose) {
    // Secret volumes link cosign.key -> ..data/cosign.key; opening the name follows the links.
    std::string path = ref.location + "/" + fileFor(purpose);
    auto pem = readOptionalSecretFile(path, "key file");
    if (!pem) {
        throw Error(ErrorKind::Key, "key directory " + ref.location + " has no " +
                                        fileFor(purpose) + " (from " + ref.text + ")");
    }
    KeyMaterial material{path, std::move(*pem), std::nullopt};
    if (purpose == KeyPurpose::Sign) {
        material.password =
            readOptionalSecretFile(ref.location + "/cosign.password", "password file");
    }
    return material;
}

KeyMaterial fromKubernetes(const KeyReference& ref, KeyPurpose purpose,
                           const KubernetesAccess& access, secret::SecretSink& secrets,
                           const net::Deadline& deadline) {
    KubernetesConfig config = loadKubernetesConfig(access, ref.text);
    secrets.add(config.token.view());
    if (!config.token.empty()) secrets.add("Bearer " + std::string(config.token.view()));
    auto data = readKubernetesSecret(config, ref.ns, ref.secret, ref.text, deadline);
    auto pem = data.find(fileFor(purpose));
    if (pem == data.end()) {
        throw Error(ErrorKind::Key, "key reference " + ref.text + ": the Secret has no " +
                                        fileFor(purpose) + " data key");
    }
    KeyMaterial material{ref.text, pem->second, std::nullopt};
    if (auto password = data.find("cosign.password");
        purpose == KeyPurpose::Sign && password != data.end()) {
        material.password = password->second;
    }
    return material;
}

}  // namespace

KeyMaterial fetchKeyMaterial(const KeyReference& ref, KeyPurpose purpose, const KeySource& source,
                             secret::SecretSink& secrets, const net::Deadline& deadline) {
    switch (ref.kind) {
        case KeyReference::Kind::File:
            return KeyMaterial{ref.location, readSecretFile(ref.location, "key file"),
                               std::nullopt};
        case KeyReference::Kind::EnvVar:
            return fromVariable(ref, source.variable);
        case KeyReference::Kind::Directory:
            return fromDirectory(ref, purpose);
        case KeyReference::Kind::Kubernetes:
            return fromKubernetes(ref, purpose, source.kubernetes, secrets, deadline);
    }
    throw Error(ErrorKind::Internal, "unknown key reference kind for " + ref.text);
}

}  // namespace signet::crypto
