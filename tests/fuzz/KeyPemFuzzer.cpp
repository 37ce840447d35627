// PEM blocks and the public/private keys inside them (cosign.pub, import-key-pair input, and the
// PKCS#8 DER an encrypted key file decrypts to).
#include "crypto/Pem.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace signet::crypto;
    std::string text = signet::fuzz::inputText(data, size);
    if (auto block = decodeFirstPem(text)) {
        (void)encodePem(block->type, block->bytes.view());
        signet::fuzz::refusingOnlyWithSignetErrors(
            [&] { (void)PrivateKey::fromPkcs8(block->bytes, "fuzz.key").publicKey().pkixPem(); });
    }
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)PublicKey::fromPem(text, "fuzz.pub").pkixPem(); });
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)PrivateKey::fromUnencryptedPem(text, "fuzz.key").toPkcs8(); });
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)PrivateKey::fromPkcs8(SecretBytes(std::string_view(text)), "fuzz.der"); });
    return 0;
}
