#include "pipeline/SecretScrubber.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace signet::pipeline {

SecretScrubber::~SecretScrubber() {
    for (auto& secret : secrets_) OPENSSL_cleanse(secret.data(), secret.size());
}

void SecretScrubber::add(std::string_view secret) {
    if (secret.empty()) return;
    std::lock_guard lock(mutex_);
    if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
    secrets_.emplace_back(secret);
    std::stable_sort(
        secrets_.begin(), secrets_.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretScrubber::scrub(std::string_view text) const {
    std::string out(text);
    std::lock_guard lock(mutex_);
    for (const auto& secret : secrets_) {
        std::size_t pos = 0;
        while ((pos = out.find(secret, pos)) != std::string::npos) {
            out.replace(pos, secret.size(), "***");
            pos += 3;
        }
    }
    return out;
}

}  // namespace signet::pipeline
