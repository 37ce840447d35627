// SecretSink: where the code that reads or derives a secret (a password, token, Authorization
// value) reports it, so that no output ever shows it. Passed down by reference, never global.
#pragma once

#include <string>
#include <string_view>

namespace signet::secret {

class SecretSink {
  public:
    virtual ~SecretSink() = default;

    // Registers `secret` (ignored when empty) before it is sent or can be echoed anywhere.
    virtual void add(std::string_view secret) = 0;

    // Untrusted `text` (a registry body or header, helper output) with every registered secret
    // replaced by "***": call it where such text enters a message.
    virtual std::string scrub(std::string_view text) const = 0;
};

}  // namespace signet::secret
