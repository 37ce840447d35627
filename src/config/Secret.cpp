#include "config/Secret.h"

#include <openssl/crypto.h>

namespace signet::config {

Secret::Secret(Secret&& other) noexcept : value_(other.value_) {
    other.wipe();
}

Secret& Secret::operator=(const Secret& other) {
    if (this != &other) {
        wipe();
        value_ = other.value_;
    }
    return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = other.value_;
        other.wipe();
    }
    return *this;
}

Secret::~Secret() {
    wipe();
}

void Secret::wipe() {
    if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
    value_.clear();
}

std::ostream& operator<<(std::ostream& out, const Secret&) {
    return out << "***";
}

}  // namespace signet::config
