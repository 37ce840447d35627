#include "sbom/catalog/ControlParagraphs.h"

namespace signet::sbom {
namespace {

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return "";
    auto end = text.find_last_not_of(" \t\r");
    return std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

std::string ControlParagraph::get(const std::string& key) const {
    auto it = fields.find(key);
    return it == fields.end() ? "" : it->second;
}

std::vector<ControlParagraph> parseControlParagraphs(const std::string& text, bool firstOnly) {
    std::vector<ControlParagraph> out;
    ControlParagraph current;
    std::string lastKey;
    bool open = false;
    auto flush = [&] {
        if (open) out.push_back(std::move(current));
        current = ControlParagraph();
        lastKey.clear();
        open = false;
    };
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (trim(line).empty()) {
            flush();
            if (firstOnly && !out.empty()) return out;
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            if (lastKey.empty()) continue;
            std::string more = trim(line);
            auto& value = current.fields[lastKey];
            value += "\n" + more;
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string key = trim(line.substr(0, colon));
        std::string value = trim(line.substr(colon + 1));
        open = true;
        current.all.emplace(key, value);
        if (current.fields.count(key) != 0) {
            lastKey.clear();
            continue;
        }
        current.fields[key] = value;
        lastKey = key;
    }
    flush();
    return out;
}

}  // namespace signet::sbom
