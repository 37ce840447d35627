#include "crypto/KeyLoader.h"

#include "crypto/EncryptedKeyFile.h"
#include "crypto/KeyMaterial.h"
#include "crypto/KeySigner.h"
#include "crypto/KeyVerifier.h"
#include "crypto/Password.h"
#include "crypto/Pem.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

void requireEncryptedKey(const KeyMaterial& material) {
    auto block = decodeFirstPem(material.pem.view());
    if (!block)
        throw Error(ErrorKind::Key,
                    "key " + material.name + " contains no PEM block (or its base64 is damaged)");
    if (!isEncryptedKeyPemType(block->type)) {
        throw Error(ErrorKind::Key, "key " + material.name +
                                        ": unsupported pem type: " + block->type +
                                        " (signing needs an encrypted cosign key; convert it "
                                        "with signet import-key-pair)");
    }
}

}  // namespace

std::unique_ptr<Signer> loadSigner(const KeySource& source, secret::SecretSink& secrets,
                                   const net::Deadline& deadline) {
    KeyReference ref = parseKeyReference(source.ref, source.keyDir);
    KeyMaterial material = fetchKeyMaterial(ref, KeyPurpose::Sign, source, secrets, deadline);
    requireEncryptedKey(material);
    SecretBytes password =
        resolvePassword(source.password, material.password, material.name, secrets);
    SecretBytes pkcs8 = decryptKeyFile(material.pem.view(), password, material.name);
    return std::make_unique<KeySigner>(PrivateKey::fromPkcs8(pkcs8, material.name));
}

std::unique_ptr<Verifier> loadVerifier(const KeySource& source, secret::SecretSink& secrets,
                                       const net::Deadline& deadline) {
    KeyReference ref = parseKeyReference(source.ref, source.keyDir);
    KeyMaterial material = fetchKeyMaterial(ref, KeyPurpose::Verify, source, secrets, deadline);
    return std::make_unique<KeyVerifier>(PublicKey::fromPem(material.pem.view(), material.name));
}

}  // namespace signet::crypto
