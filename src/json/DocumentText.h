// DocumentText: a large JSON document (an SBOM) as compact text with a final newline, its tree
// freed before the newline is added so that tree and text are not both held longer than needed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace signet::json {

// Compact, invalid UTF-8 replaced by U+FFFD, "\n" at the end (pass the tree by std::move).
template <typename Json>
std::string documentText(Json document) {
    std::string text = document.dump(-1, ' ', false, Json::error_handler_t::replace);
    document = nullptr;
    text += '\n';
    return text;
}

}  // namespace signet::json
