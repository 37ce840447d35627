// SecretScrubber: replaces registered secret values with "***" in any text (defence in depth).
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace signet::pipeline {

class SecretScrubber {
  public:
    SecretScrubber() = default;
    SecretScrubber(const SecretScrubber&) = delete;
    SecretScrubber& operator=(const SecretScrubber&) = delete;
    ~SecretScrubber();

    // Registers `secret` (ignored when empty). Thread-safe.
    void add(std::string_view secret);
    // `text` with every occurrence of every registered secret replaced by "***"; longer secrets
    // are replaced first so a secret containing another is hidden whole. Thread-safe.
    std::string scrub(std::string_view text) const;

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;  // longest first
};

}  // namespace signet::pipeline
