#include "crypto/SecretBytes.h"

#include <openssl/crypto.h>

namespace signet::crypto {

SecretBytes::SecretBytes(std::string_view bytes) : bytes_(bytes) {}

SecretBytes::SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(other.bytes_) {
    other.wipe();
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        wipe();
        bytes_ = other.bytes_;
    }
    return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        wipe();
        bytes_ = other.bytes_;
        other.wipe();
    }
    return *this;
}

SecretBytes::~SecretBytes() {
    wipe();
}

void SecretBytes::wipe() {
    // Cleanse the whole buffer (capacity), not only the live bytes, then empty it.
    bytes_.resize(bytes_.capacity());
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_.clear();
}

std::ostream& operator<<(std::ostream& out, const SecretBytes&) {
    return out << "***";
}

}  // namespace signet::crypto
