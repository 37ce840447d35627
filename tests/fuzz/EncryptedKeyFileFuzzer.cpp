// cosign's encrypted private key PEM, decrypted with a fixed password.
#include "crypto/EncryptedKeyFile.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    static const signet::crypto::SecretBytes password(std::string_view("fuzz-password"));
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { signet::crypto::decryptKeyFile(text, password, "fuzz.key"); });
    return 0;
}
