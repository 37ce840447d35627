// LayerPath: turns tar entry names and link targets into clean absolute paths inside the image
// root.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

// "./usr//lib/../bin/" → "/usr/bin"; "/" for the root. `..` never climbs above the root:
// escaped is set when it tried to (a hostile "../../etc/passwd" stays inside as "/etc/passwd").
std::string cleanLayerPath(std::string_view raw, bool* escaped = nullptr);

// The parent directory of a clean path ("/" for top-level names and the root).
std::string parentPath(const std::string& clean);
// The last component of a clean path ("" for the root).
std::string baseName(const std::string& clean);
// Splits a path into its non-empty components, keeping "." and "..".
std::vector<std::string> splitPath(std::string_view path);

// Erases the entries of an ordered map keyed by clean paths that lie below `dir` (not `dir`).
template <class PathMap>
void eraseBelow(PathMap& map, const std::string& dir) {
    const std::string prefix = dir == "/" ? "/" : dir + "/";
    auto begin = map.lower_bound(prefix);
    auto end = begin;
    while (end != map.end() && end->first.compare(0, prefix.size(), prefix) == 0) ++end;
    map.erase(begin, end);
}

}  // namespace signet::sbom
