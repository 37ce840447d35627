#include "sbom/layer/PathGlob.h"

namespace signet::sbom {
namespace {

bool matchFrom(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.substr(0, 3) == "**/") {
            std::string_view rest = p.substr(3);
            if (matchFrom(rest, s)) return true;
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '/' && matchFrom(rest, s.substr(i + 1))) return true;
            }
            return false;
        }
        if (p == "**") return true;
        if (p[0] == '*') {
            std::string_view rest = p.substr(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (matchFrom(rest, s.substr(i))) return true;
                if (i < s.size() && s[i] == '/') return false;
            }
            return false;
        }
        if (s.empty()) return false;
        if (p[0] == '?') {
            if (s[0] == '/') return false;
        } else if (p[0] != s[0]) {
            return false;
        }
        p.remove_prefix(1);
        s.remove_prefix(1);
    }
    return s.empty();
}

}  // namespace

PathGlob::PathGlob(std::string pattern) : pattern_(std::move(pattern)) {}

bool PathGlob::matches(std::string_view path) const {
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
    return matchFrom(pattern_, path);
}

}  // namespace signet::sbom
