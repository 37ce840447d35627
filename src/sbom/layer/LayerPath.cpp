#include "sbom/layer/LayerPath.h"

namespace signet::sbom {

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) parts.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

std::string cleanLayerPath(std::string_view raw, bool* escaped) {
    if (escaped) *escaped = false;
    std::vector<std::string> kept;
    for (auto& part : splitPath(raw)) {
        if (part == ".") continue;
        if (part == "..") {
            if (kept.empty()) {
                if (escaped) *escaped = true;
            } else {
                kept.pop_back();
            }
            continue;
        }
        kept.push_back(std::move(part));
    }
    if (kept.empty()) return "/";
    std::string out;
    for (const auto& part : kept) out += "/" + part;
    return out;
}

std::string parentPath(const std::string& clean) {
    std::size_t slash = clean.rfind('/');
    if (slash == std::string::npos || slash == 0) return "/";
    return clean.substr(0, slash);
}

std::string baseName(const std::string& clean) {
    std::size_t slash = clean.rfind('/');
    return slash == std::string::npos ? clean : clean.substr(slash + 1);
}

}  // namespace signet::sbom
