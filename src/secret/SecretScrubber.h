// SecretScrubber: the SecretSink signet runs with — remembers every registered secret, hides them
// in untrusted text, and tells an optional announcer (GitHub's ::add-mask::) about each new one.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "secret/SecretSink.h"

namespace signet::secret {

class SecretScrubber : public SecretSink {
  public:
    using Announcer = std::function<void(std::string_view secret)>;

    SecretScrubber() = default;
    SecretScrubber(const SecretScrubber&) = delete;
    SecretScrubber& operator=(const SecretScrubber&) = delete;
    ~SecretScrubber() override;

    // Thread-safe; a secret seen for the first time goes to the announcer (outside the lock).
    void add(std::string_view secret) override;
    // Every occurrence of every registered secret replaced by "***"; longer secrets first, so a
    // secret containing another is hidden whole. Thread-safe.
    std::string scrub(std::string_view text) const override;
    // For signet's own lines on their way out (log, ::error, report, results): like scrub(),
    // except that a word-like secret (a word, or only digits) is left alone — in a line
    // signet wrote it is one of signet's words ("wrong password for key …"), and untrusted text
    // inside the line was already scrubbed where it entered.
    std::string scrubOutput(std::string_view text) const;

    // Called once per new secret from then on; set it before the first add().
    void setAnnouncer(Announcer announcer);

  private:
    std::string replace(std::string_view text, bool keepWordLike) const;

    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;  // longest first
    Announcer announcer_;
};

// True when `secret` is only ASCII digits, or a letter followed by lower-case ASCII letters.
bool isWordLike(std::string_view secret);

}  // namespace signet::secret
