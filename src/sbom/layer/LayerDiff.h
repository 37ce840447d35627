// LayerDiff: what one layer adds, replaces and removes, as read from its tar stream.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace signet::sbom {

enum class NodeKind { File, Directory, Symlink, Other };

// One path in a layer or in the squashed image. Only files a FileRule selected carry content.
struct FileNode {
    NodeKind kind = NodeKind::File;
    std::string linkTarget;  // symlinks: the raw target (absolute targets are root-relative)
    std::shared_ptr<const std::string> content;  // kept (possibly reduced) bytes, or null
    int ruleIndex = -1;                          // which FileRule kept the content
    std::string tag;                             // that rule's tag
    bool truncated = false;                      // content holds only the first maxBytes
    std::uint64_t size = 0;                      // size in the tar header
    std::size_t layerIndex = 0;
};

struct LayerEntry {
    std::string path;  // clean absolute path
    FileNode node;
};

struct LayerDiff {
    std::vector<LayerEntry> entries;   // in tar order
    std::set<std::string> whiteouts;   // paths to remove from lower layers
    std::set<std::string> opaqueDirs;  // directories whose lower children are hidden
    std::uint64_t tarEntries = 0;      // entries in the layer's tar, kept or not
};

}  // namespace signet::sbom
