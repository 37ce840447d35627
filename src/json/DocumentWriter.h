// DocumentWriter: a large JSON object (an SBOM) written member by member as compact text, an
// array member one element at a time, so the document is never also held whole as a tree.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace signet::json {

// The text is what dump() of the whole tree would give (compact, invalid UTF-8 replaced by
// U+FFFD), with "\n" at the end.
class DocumentWriter {
  public:
    template <typename Json>
    void member(std::string_view key, const Json& value) {
        name(key);
        append(value);
    }

    void beginArray(std::string_view key) {
        name(key);
        text_ += '[';
        elements_ = 0;
    }
    template <typename Json>
    void element(const Json& value) {
        if (elements_++ > 0) text_ += ',';
        append(value);
    }
    void endArray() { text_ += ']'; }

    std::string finish() && {
        text_ += "}\n";
        return std::move(text_);
    }

  private:
    void name(std::string_view key) {
        if (members_++ > 0) text_ += ',';
        text_ += nlohmann::json(key).dump();
        text_ += ':';
    }
    template <typename Json>
    void append(const Json& value) {
        text_ += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }

    std::string text_ = "{";
    std::size_t members_ = 0, elements_ = 0;
};

}  // namespace signet::json
