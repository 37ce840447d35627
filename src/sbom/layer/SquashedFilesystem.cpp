#include "sbom/layer/SquashedFilesystem.h"

#include <algorithm>
#include <deque>

#include "sbom/layer/LayerPath.h"
#include "sbom/layer/PathHash.h"

namespace signet::sbom {

void SquashedFilesystem::removeSubtree(const std::string& path, bool includeSelf) {
    if (includeSelf) nodes_.erase(path);
    eraseBelow(nodes_, path);
}

namespace {

bool holds(const std::vector<std::uint64_t>& sorted, std::uint64_t hash) {
    return std::binary_search(sorted.begin(), sorted.end(), hash);
}

// Whether an entry of `upper` replaces `path` or a non-directory of it sits on an ancestor.
bool shadowedBy(const LayerDiff& upper, const std::string& path) {
    PathHash hash;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '/' && i > 0 && holds(upper.hidingPaths, hash.value())) return true;
        hash.add(path[i]);
    }
    return holds(upper.replacedPaths, hash.value());
}

}  // namespace

void SquashedFilesystem::removeShadowed(const LayerDiff& upper) {
    for (auto it = nodes_.begin(); it != nodes_.end();) {
        it = shadowedBy(upper, it->first) ? nodes_.erase(it) : std::next(it);
    }
}

void SquashedFilesystem::applyLayer(LayerDiff diff) {
    for (const auto& dir : diff.opaqueDirs) removeSubtree(dir, false);
    for (const auto& path : diff.whiteouts) removeSubtree(path, true);
    if (!nodes_.empty()) removeShadowed(diff);
    for (auto& entry : diff.entries) nodes_[entry.path] = std::move(entry.node);
}

const FileNode* SquashedFilesystem::node(const std::string& path) const {
    auto it = nodes_.find(path);
    return it == nodes_.end() ? nullptr : &it->second;
}

std::optional<std::string> SquashedFilesystem::realPath(const std::string& path) const {
    std::deque<std::string> pending;
    for (auto& part : splitPath(path)) pending.push_back(std::move(part));
    std::vector<std::string> resolved;
    int hops = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.front());
        pending.pop_front();
        if (part == ".") continue;
        if (part == "..") {
            if (!resolved.empty()) resolved.pop_back();
            continue;
        }
        std::string candidate;
        for (const auto& p : resolved) candidate += "/" + p;
        candidate += "/" + part;
        const FileNode* found = node(candidate);
        if (found == nullptr || found->kind != NodeKind::Symlink) {
            resolved.push_back(std::move(part));
            continue;
        }
        if (++hops > maxSymlinkHops_) return std::nullopt;
        const std::string& target = found->linkTarget;
        if (!target.empty() && target[0] == '/') resolved.clear();
        auto targetParts = splitPath(target);
        pending.insert(pending.begin(), targetParts.begin(), targetParts.end());
    }
    std::string out;
    for (const auto& p : resolved) out += "/" + p;
    return out.empty() ? "/" : out;
}

const FileNode* SquashedFilesystem::lookup(const std::string& path) const {
    auto real = realPath(path);
    return real ? node(*real) : nullptr;
}

const std::string* SquashedFilesystem::content(const std::string& path) const {
    const FileNode* found = lookup(path);
    return found && found->content ? found->content.get() : nullptr;
}

std::vector<std::string> SquashedFilesystem::keptFiles(const PathGlob& glob) const {
    std::vector<std::string> out;
    for (const auto& [path, node] : nodes_) {
        if (node.content && glob.matches(path)) out.push_back(path);
    }
    return out;
}

std::vector<std::string> SquashedFilesystem::keptFilesTagged(const std::string& tag) const {
    std::vector<std::string> out;
    for (const auto& [path, node] : nodes_) {
        if (node.content && node.tag == tag) out.push_back(path);
    }
    return out;
}

}  // namespace signet::sbom
