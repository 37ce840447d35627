// GoJson: JSON bytes exactly as Go's encoding/json.Marshal writes them (compact, HTML-escaped).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace signet::json {

// Struct-like objects keep insertion order (Go struct field order); maps should be built
// with sorted keys (Go sorts map keys), which nlohmann::json does on its own.
using Ordered = nlohmann::ordered_json;

// Compact JSON with Go's escaping: <, >, & as \u003c \u003e \u0026, U+2028/2029 escaped,
// invalid UTF-8 replaced by U+FFFD, no trailing newline.
std::string goMarshal(const Ordered& value);
std::string goMarshal(const nlohmann::json& value);

// Parses JSON text; throws signet::Error(kind, "<what>: <parser message>") on malformed input.
nlohmann::json parse(const std::string& text, const std::string& what);
Ordered parseOrdered(const std::string& text, const std::string& what);

}  // namespace signet::json
