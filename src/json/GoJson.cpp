#include "json/GoJson.h"

#include <charconv>
#include <cmath>

#include "error/Error.h"

namespace signet::json {
namespace {

// Outside of strings, compact JSON never contains these characters, so escaping them in
// the whole text is the same as escaping them inside strings.
std::string escapeHtmlAndSeparators(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
                   (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
            out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// Compact text of `value`; nlohmann writes everything but floats as Go does.
template <typename Json>
void writeCompact(const Json& value, std::string& out) {
    if (value.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!first) out += ',';
            first = false;
            out += Json(it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += ':';
            writeCompact(it.value(), out);
        }
        out += '}';
    } else if (value.is_array()) {
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += ',';
            writeCompact(value[i], out);
        }
        out += ']';
    } else if (value.is_number_float()) {
        out += goFloatText(value.template get<double>());
    } else {
        out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

// The shortest round-trip digits of a finite, non-zero |value| and its decimal exponent:
// value = 0.d1d2d3… × 10^(exponent+1), i.e. d1 is the digit at 10^exponent.
std::pair<std::string, int> shortestDigits(double magnitude) {
    char buffer[64];
    auto end =
        std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific).ptr;
    std::string text(buffer, end);  // "d.ddde±XX"
    const auto e = text.find('e');
    std::string digits;
    for (std::size_t i = 0; i < e; ++i) {
        if (text[i] != '.') digits += text[i];
    }
    return {digits, std::stoi(text.substr(e + 1))};
}

}  // namespace

std::string goFloatText(double value) {
    if (value == 0) return std::signbit(value) ? "-0" : "0";
    const double magnitude = std::fabs(value);
    const auto [digits, exponent] = shortestDigits(magnitude);
    std::string out = value < 0 ? "-" : "";
    if (magnitude < 1e-6 || magnitude >= 1e21) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        out += exponent < 0 ? "e-" : "e+";
        return out + std::to_string(std::abs(exponent));  // Go: e-7, not e-07
    }
    if (exponent < 0) return out + "0." + std::string(-exponent - 1, '0') + digits;
    const auto whole = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= whole) return out + digits + std::string(whole - digits.size(), '0');
    return out + digits.substr(0, whole) + "." + digits.substr(whole);
}

nlohmann::json goGeneric(const nlohmann::json& value) {
    if (value.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = goGeneric(*it);
        return out;
    }
    if (value.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : value) out.push_back(goGeneric(item));
        return out;
    }
    if (value.is_number()) return value.get<double>();
    return value;
}

std::string goMarshal(const Ordered& value) {
    std::string out;
    writeCompact(value, out);
    return escapeHtmlAndSeparators(out);
}

std::string goMarshal(const nlohmann::json& value) {
    std::string out;
    writeCompact(value, out);
    return escapeHtmlAndSeparators(out);
}

nlohmann::json parse(const std::string& text, const std::string& what) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::Registry, what + " is not valid JSON: " + e.what());
    }
}

Ordered parseOrdered(const std::string& text, const std::string& what) {
    try {
        return Ordered::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::Registry, what + " is not valid JSON: " + e.what());
    }
}

}  // namespace signet::json
