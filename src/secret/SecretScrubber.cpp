#include "secret/SecretScrubber.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

namespace signet::secret {

bool isWordLike(std::string_view secret) {
    auto all = [](std::string_view text, int (*test)(int)) {
        return std::all_of(text.begin(), text.end(),
                           [test](char c) { return test(static_cast<unsigned char>(c)) != 0; });
    };
    if (secret.empty()) return false;
    if (all(secret, std::isdigit)) return true;
    // A word: a letter, then lower-case letters ("wrong", "Signet"); base64 and tokens mix cases.
    return std::isalpha(static_cast<unsigned char>(secret[0])) != 0 &&
           all(secret.substr(1), std::islower);
}

SecretScrubber::~SecretScrubber() {
    for (auto& secret : secrets_) OPENSSL_cleanse(secret.data(), secret.size());
}

void SecretScrubber::setAnnouncer(Announcer announcer) {
    std::lock_guard lock(mutex_);
    announcer_ = std::move(announcer);
}

void SecretScrubber::add(std::string_view secret) {
    if (secret.empty()) return;
    Announcer announce;
    {
        std::lock_guard lock(mutex_);
        if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
        secrets_.emplace_back(secret);
        std::stable_sort(
            secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        announce = announcer_;
    }
    if (announce) announce(secret);
}

std::string SecretScrubber::scrub(std::string_view text) const {
    return replace(text, false);
}

std::string SecretScrubber::scrubOutput(std::string_view text) const {
    return replace(text, true);
}

std::string SecretScrubber::replace(std::string_view text, bool keepWordLike) const {
    std::string out(text);
    std::lock_guard lock(mutex_);
    for (const auto& secret : secrets_) {
        if (keepWordLike && isWordLike(secret)) continue;
        std::size_t pos = 0;
        while ((pos = out.find(secret, pos)) != std::string::npos) {
            out.replace(pos, secret.size(), "***");
            pos += 3;
        }
    }
    return out;
}

}  // namespace signet::secret
