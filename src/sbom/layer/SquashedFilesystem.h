// SquashedFilesystem: the image's visible files with kept content and symlinks after applying each
// layer's diff, whiteouts and opaque dirs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sbom/layer/LayerDiff.h"
#include "sbom/layer/PathGlob.h"

namespace signet::sbom {

class SquashedFilesystem {
  public:
    explicit SquashedFilesystem(int maxSymlinkHops = 40) : maxSymlinkHops_(maxSymlinkHops) {}

    // Applies the next layer on top (OCI whiteout rules): its whiteouts and opaque dirs hide
    // lower paths, every entry it has replaces a lower node at its path and a non-directory
    // hides a lower subtree; then its kept files and symlinks are added.
    void applyLayer(LayerDiff diff);

    // The kept file or symlink at exactly `path` (no symlink following), or null.
    const FileNode* node(const std::string& path) const;

    // The real path of `path` with every symlink on the way resolved inside the image root
    // (absolute targets start at the root, `..` stops at it); nullopt when a symlink loop or
    // chain exceeds the hop limit. The result need not exist.
    std::optional<std::string> realPath(const std::string& path) const;

    // The node `path` leads to after following symlinks, or null (missing or a loop).
    const FileNode* lookup(const std::string& path) const;

    // The kept content of the file `path` leads to, or null.
    const std::string* content(const std::string& path) const;

    // Paths of files that carry kept content and match `glob`, sorted.
    std::vector<std::string> keptFiles(const PathGlob& glob) const;

    // Paths of files whose content was kept by a FileRule with this tag, sorted.
    std::vector<std::string> keptFilesTagged(const std::string& tag) const;

    std::size_t size() const { return nodes_.size(); }

  private:
    void removeSubtree(const std::string& path, bool includeSelf);
    void removeShadowed(const LayerDiff& upper);

    int maxSymlinkHops_;
    std::map<std::string, FileNode> nodes_;
};

}  // namespace signet::sbom
