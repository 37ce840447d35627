// GoJson: JSON bytes exactly as Go's encoding/json.Marshal writes them (compact, HTML-escaped).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

namespace signet::json {

// Struct-like objects keep insertion order (Go struct field order); maps should be built
// with sorted keys (Go sorts map keys), which nlohmann::json does on its own.
using Ordered = nlohmann::ordered_json;

// Compact JSON with Go's escaping: <, >, & as \u003c \u003e \u0026, U+2028/2029 escaped,
// invalid UTF-8 replaced by U+FFFD, floating-point numbers as goFloatText, no trailing newline.
std::string goMarshal(const Ordered& value);
std::string goMarshal(const nlohmann::json& value);

// A float64 as encoding/json writes it: the shortest text that reads back as the same number,
// in %f form, or %e form (exponent without a leading zero) below 1e-6 and from 1e21 on.
std::string goFloatText(double value);

// `value` as json.Unmarshal decodes it into an interface{}: every number a float64 (a large
// integer loses precision as in Go), objects with sorted keys. goMarshal then writes the
// numbers as Go does (1.0 as 1, 1e21 as 1e+21).
nlohmann::json goGeneric(const nlohmann::json& value);

// Parses JSON text; throws signet::Error(kind, "<what>: <parser message>") on malformed input.
nlohmann::json parse(const std::string& text, const std::string& what);
Ordered parseOrdered(const std::string& text, const std::string& what);

// `value` as an integer type T, as Go's encoding/json decodes into one: nullopt for a
// non-integer (1.5, 1e58, "1") or a number T cannot hold. Converting a double such as 1e58
// with get<T>() would be undefined behaviour.
template <typename T>
std::optional<T> integerValue(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        auto n = value.get<std::uint64_t>();
        if (std::in_range<T>(n)) return static_cast<T>(n);
    } else if (value.is_number_integer()) {
        auto n = value.get<std::int64_t>();
        if (std::in_range<T>(n)) return static_cast<T>(n);
    }
    return std::nullopt;
}

}  // namespace signet::json
