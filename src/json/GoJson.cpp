#include "json/GoJson.h"

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

}  // namespace

std::string goMarshal(const Ordered& value) {
    return escapeHtmlAndSeparators(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string goMarshal(const nlohmann::json& value) {
    return escapeHtmlAndSeparators(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
