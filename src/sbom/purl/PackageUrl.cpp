#include "sbom/purl/PackageUrl.h"

#include <algorithm>

namespace signet::sbom {

std::string purlEscape(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

namespace {

std::string escapeNamespace(std::string_view ns) {
    std::string out;
    std::size_t start = 0;
    while (start <= ns.size()) {
        std::size_t slash = ns.find('/', start);
        std::string_view segment = ns.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!segment.empty()) {
            if (!out.empty()) out += '/';
            out += purlEscape(segment);
        }
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

}  // namespace

std::string PackageUrl::toString() const {
    std::string out = "pkg:" + type + "/";
    std::string ns = escapeNamespace(nameSpace);
    if (!ns.empty()) out += ns + "/";
    out += purlEscape(name);
    if (!version.empty()) out += "@" + purlEscape(version);
    auto sorted = qualifiers;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    char separator = '?';
    for (const auto& [key, value] : sorted) {
        if (value.empty()) continue;
        out += separator;
        out += key + "=" + purlEscape(value);
        separator = '&';
    }
    return out;
}

}  // namespace signet::sbom
