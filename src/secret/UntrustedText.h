// UntrustedText: how text signet did not write (registry bodies and headers, credential-helper
// output, token-server answers) is quoted in a message — scrubbed first, then bounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "secret/SecretSink.h"

namespace signet::secret {

// `text` with every secret `secrets` knows replaced, then cut to at most `limit` characters
// (plus "…" when cut) with control characters as spaces. Scrubbing comes before cutting, so a
// cut can never leave the visible head of a secret.
std::string quoteUntrusted(std::string_view text, const SecretSink& secrets,
                           std::size_t limit = 120);

}  // namespace signet::secret
