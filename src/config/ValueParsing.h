// ValueParsing: the value syntaxes settings share (lists, booleans, durations, counts, sizes).
// Every parser takes `origin`, the name of the variable/key/flag, and throws
// Error(Config, "<origin>: <problem>") on bad input.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace signet::config {

// Splits on newlines, commas and spaces/tabs; trims and drops empty items.
std::vector<std::string> splitList(std::string_view text);
// Splits on newlines only (annotation lines, files with one ref per line); trims, drops empties.
std::vector<std::string> splitLines(std::string_view text);

std::string trim(std::string_view text);

// true/false/1/0/yes/no (case-insensitive).
bool parseBool(std::string_view text, std::string_view origin);
// "90s", "3m", "1h", "1m30s" or plain seconds; must be positive and at most 24h.
std::chrono::seconds parseDuration(std::string_view text, std::string_view origin);
// A decimal integer in [min, max].
unsigned parseCount(std::string_view text, unsigned min, unsigned max, std::string_view origin);
// Bytes, optionally with K/M/G (x1000) or Ki/Mi/Gi/KiB/MiB/GiB (x1024) suffix; positive, <= 4 GiB.
std::uint64_t parseByteSize(std::string_view text, std::string_view origin);
// Index of `text` in `choices`; otherwise "must be a or b, got 'x'".
std::size_t parseChoice(std::string_view text, const std::vector<std::string>& choices,
                        std::string_view origin);
// One "key=value" annotation; key must be non-empty.
std::pair<std::string, std::string> parseAnnotation(std::string_view text, std::string_view origin);
// "sha256:<64 hex>" or "sha512:<128 hex>" (lower-case hex).
std::string parseDigest(std::string_view text, std::string_view origin);

// `text` made safe to quote in a one-line message: control characters escaped, long values cut.
std::string quoteForMessage(std::string_view text);

}  // namespace signet::config
