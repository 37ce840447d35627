// Utf8Text: makes arbitrary bytes from image metadata valid UTF-8 for text SBOM formats.
#pragma once

#include <string>
#include <string_view>

namespace signet::sbom {

// `text` with every byte sequence that is not well-formed UTF-8 (overlong forms, surrogates,
// code points past U+10FFFF, truncated sequences) replaced by U+FFFD.
std::string validUtf8(std::string_view text);

}  // namespace signet::sbom
