// SquashedFilesystem: the image's visible tree after applying each layer's diff, whiteouts and
// opaque dirs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sbom/layer/LayerDiff.h"
#include "sbom/layer/PathGlob.h"

namespace signet::sbom {

class SquashedFilesystem {
  public:
    explicit SquashedFilesystem(int maxSymlinkHops = 40) : maxSymlinkHops_(maxSymlinkHops) {}

    // Applies the next layer on top (OCI whiteout rules): its whiteouts and opaque dirs hide
    // lower paths, then its entries replace lower ones; a non-directory hides a lower subtree.
    void applyLayer(LayerDiff diff);

    // The node stored at exactly `path` (no symlink following), or null.
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

    // Direct children names of directory `dir` (no symlink following), sorted.
    std::vector<std::string> children(const std::string& dir) const;

    std::size_t size() const { return nodes_.size(); }

  private:
    void removeSubtree(const std::string& path, bool includeSelf);

    int maxSymlinkHops_;
    std::map<std::string, FileNode> nodes_;
    std::set<std::string> kept_;
};

}  // namespace signet::sbom
