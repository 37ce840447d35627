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

// A hard link whose target's content was not kept on the first read (the target matched no
// rule, the link does): the layer is read a second time for it (LayerReader::resolveHardlinks).
struct PendingHardlink {
    std::string path;
    std::string target;
    std::uint64_t ordinal = 0;  // the link's place among the tar's entries
};

// Only the entries the catalogers can use are held as paths: files with kept content and
// symlinks. Every other entry is held as the PathHash of its path, which is all the layers
// below need to know to be shadowed by it.
struct LayerDiff {
    std::vector<LayerEntry> entries;  // kept files and symlinks, sorted by path
    std::vector<std::uint64_t>
        replacedPaths;                       // sorted: every entry's path; a lower node there goes
    std::vector<std::uint64_t> hidingPaths;  // sorted: non-directories; lower paths under them go
    std::set<std::string> whiteouts;         // paths to remove from lower layers
    std::set<std::string> opaqueDirs;        // directories whose lower children are hidden
    std::vector<PendingHardlink> pendingHardlinks;  // empty once resolved
    std::uint64_t tarEntries = 0;                   // entries in the layer's tar, kept or not
};

}  // namespace signet::sbom
