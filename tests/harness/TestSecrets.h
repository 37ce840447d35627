// TestSecrets: the SecretSink tests hand to APIs that register the secrets they read, when the
// test is not about scrubbing: it forgets what it is told and changes no text, so one test's
// secrets ("a", "x") cannot garble another test's messages. Scrubbing tests use their own
// secret::SecretScrubber.
#pragma once

#include "secret/SecretSink.h"

namespace signet::testing {

class IgnoringSecretSink : public secret::SecretSink {
  public:
    void add(std::string_view) override {}
    std::string scrub(std::string_view text) const override { return std::string(text); }
};

inline secret::SecretSink& testSecrets() {
    static IgnoringSecretSink sink;
    return sink;
}

}  // namespace signet::testing
