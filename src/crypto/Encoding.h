// Encoding: base64 (standard alphabet, padded), hex, and SHA-256 digests via OpenSSL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace signet::crypto {

std::string base64Encode(std::string_view bytes);
// nullopt when `text` is not valid padded standard base64.
std::optional<std::string> base64Decode(std::string_view text);

std::string hexEncode(std::string_view bytes);
// nullopt when `text` is not an even number of hex digits (either case).
std::optional<std::string> hexDecode(std::string_view text);

// Raw 32-byte SHA-256 of `bytes`.
std::string sha256(std::string_view bytes);
// "sha256:<64 lowercase hex>" of `bytes`: an OCI digest.
std::string sha256Digest(std::string_view bytes);

}  // namespace signet::crypto
