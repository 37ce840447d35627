#include "sbom/catalog/npm/NpmLockfile.h"

#include <nlohmann/json.hpp>

namespace signet::sbom {
namespace {

using Json = nlohmann::json;

constexpr int kMaxV1Depth = 64;  // a v1 tree nests a level per conflicting version

std::string text(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool flag(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

void addNames(const Json& object, const char* key, std::vector<std::string>& out) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_object()) return;
    for (const auto& [name, range] : it->items()) out.push_back(name);
}

// "npm:real-name@1.2.3" (an alias) → {real-name, 1.2.3}; else {"", version}.
std::pair<std::string, std::string> unalias(const std::string& version) {
    if (version.rfind("npm:", 0) != 0) return {"", version};
    const std::string spec = version.substr(4);
    auto at = spec.rfind('@');
    if (at == std::string::npos || at == 0) return {spec, ""};
    return {spec.substr(0, at), spec.substr(at + 1)};
}

// lockfileVersion 2 and 3: "packages" keyed by install path.
void readPackages(const Json& packages, NpmLockfile& lock) {
    for (const auto& [key, value] : packages.items()) {
        if (!value.is_object()) continue;
        NpmLockEntry entry;
        entry.name = text(value, "name");
        if (entry.name.empty() && !key.empty()) entry.name = npmFolderName(key);
        entry.version = text(value, "version");
        entry.resolved = text(value, "resolved");
        entry.integrity = text(value, "integrity");
        entry.license = text(value, "license");
        entry.dev = flag(value, "dev");
        entry.link = flag(value, "link");
        for (const char* kind :
             {"dependencies", "optionalDependencies", "peerDependencies", "devDependencies"}) {
            if (!key.empty() && std::string_view(kind) == "devDependencies") continue;
            addNames(value, kind, entry.dependencies);
        }
        lock.entries[key] = std::move(entry);
    }
}

// lockfileVersion 1: a "dependencies" tree, each level a node_modules folder.
bool readTree(const Json& dependencies, const std::string& parentKey, int depth,
              NpmLockfile& lock) {
    if (depth > kMaxV1Depth) return false;
    for (const auto& [folder, value] : dependencies.items()) {
        if (!value.is_object()) continue;
        const std::string key =
            (parentKey.empty() ? "" : parentKey + "/") + "node_modules/" + folder;
        NpmLockEntry entry;
        auto [realName, version] = unalias(text(value, "version"));
        entry.name = realName.empty() ? folder : realName;
        entry.version = version;
        entry.resolved = text(value, "resolved");
        entry.integrity = text(value, "integrity");
        entry.dev = flag(value, "dev");
        if (entry.version.rfind("file:", 0) == 0) entry.version.clear();  // a local folder
        addNames(value, "requires", entry.dependencies);
        lock.entries[key] = std::move(entry);
        auto nested = value.find("dependencies");
        if (nested != value.end() && nested->is_object() &&
            !readTree(*nested, key, depth + 1, lock)) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string npmFolderName(const std::string& key) {
    const std::string marker = "node_modules/";
    auto at = key.rfind(marker);
    if (at == std::string::npos) {
        auto slash = key.rfind('/');
        return slash == std::string::npos ? key : key.substr(slash + 1);
    }
    return key.substr(at + marker.size());
}

std::optional<std::string> NpmLockfile::resolve(const std::string& from,
                                                const std::string& name) const {
    // node's lookup: from the package's own folder up, every ancestor that is not itself a
    // node_modules folder, looking in its node_modules.
    std::vector<std::string> segments;
    for (std::size_t start = 0; start < from.size();) {
        auto slash = from.find('/', start);
        if (slash == std::string::npos) slash = from.size();
        segments.push_back(from.substr(start, slash - start));
        start = slash + 1;
    }
    for (std::size_t length = segments.size() + 1; length-- > 0;) {
        if (length > 0 && segments[length - 1] == "node_modules") continue;
        std::string dir;
        for (std::size_t i = 0; i < length; ++i) dir += (i ? "/" : "") + segments[i];
        const std::string candidate = (dir.empty() ? "" : dir + "/") + "node_modules/" + name;
        auto found = entries.find(candidate);
        if (found == entries.end()) continue;
        for (int hops = 0; found != entries.end() && found->second.link && hops < 8; ++hops) {
            auto target = entries.find(found->second.resolved);
            if (target == entries.end()) return std::nullopt;
            found = target;
        }
        if (found->second.link) return std::nullopt;  // a cycle of links
        return found->first;
    }
    return std::nullopt;
}

std::optional<NpmLockfile> parseNpmLockfile(std::string_view text, std::string& error) {
    Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
        error = "is not a JSON object";
        return std::nullopt;
    }
    NpmLockfile lock;
    auto version = json.find("lockfileVersion");
    if (version == json.end() || !version->is_number_integer()) {
        error = "has no lockfileVersion";
        return std::nullopt;
    }
    lock.lockfileVersion = version->get<int>();
    auto packages = json.find("packages");
    auto dependencies = json.find("dependencies");
    if (packages != json.end() && packages->is_object()) {
        readPackages(*packages, lock);
    } else if (dependencies != json.end() && dependencies->is_object()) {
        if (!readTree(*dependencies, "", 0, lock)) {
            error = "nests dependencies deeper than " + std::to_string(kMaxV1Depth) + " levels";
            return std::nullopt;
        }
    }
    return lock;
}

}  // namespace signet::sbom
