// FileRule: which layer files a cataloger needs kept, how big they may be, and how to shrink them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/layer/PathGlob.h"

namespace signet::sbom {

// Files selected by their first bytes rather than their path.
enum class ContentSniff { None, Elf };

// What to do with a selected file larger than maxBytes.
enum class OversizePolicy { Skip, Truncate };

// Turns a kept file's bytes into what the cataloger needs later (e.g. the Go build info of a
// binary, the licenses of a copyright file); nullopt keeps nothing. Runs while the layer streams;
// `bytes` may be a read-only mapping of a temporary file (large binaries and archives) and is
// valid only during the call.
using ContentReducer =
    std::function<std::optional<std::string>(const std::string& path, std::string_view bytes)>;

struct FileRule {
    std::vector<PathGlob> globs;              // a path matching any of them is selected
    ContentSniff sniff = ContentSniff::None;  // or: any regular file starting with these bytes
    std::size_t maxBytes = 8 << 20;
    OversizePolicy oversize = OversizePolicy::Skip;
    ContentReducer reduce;  // optional
    std::string tag;        // names the rule on kept nodes (SquashedFilesystem::keptFilesTagged)
};

}  // namespace signet::sbom
