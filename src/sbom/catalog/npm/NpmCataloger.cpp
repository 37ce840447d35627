#include "sbom/catalog/npm/NpmCataloger.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "crypto/Encoding.h"
#include "sbom/catalog/Originator.h"
#include "sbom/catalog/npm/NpmLockfile.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

const PathGlob kPackageJson("**/package.json");
// npm's lock files; the last is the "hidden lockfile" npm 7+ keeps of what node_modules holds.
const std::vector<PathGlob> kLockfiles{PathGlob("**/package-lock.json"),
                                       PathGlob("**/npm-shrinkwrap.json"),
                                       PathGlob("**/node_modules/.package-lock.json")};

std::string text(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "license": "MIT" | {"type": "MIT"}; else the deprecated "licenses": [ "MIT" | {"type"} ].
std::vector<std::string> licensesOf(const nlohmann::json& manifest) {
    auto one = [](const nlohmann::json& value) -> std::string {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_object()) return text(value, "type");
        return "";
    };
    std::vector<std::string> out;
    if (auto it = manifest.find("license"); it != manifest.end()) {
        if (std::string l = one(*it); !l.empty()) out.push_back(l);
    }
    if (out.empty()) {
        if (auto it = manifest.find("licenses"); it != manifest.end() && it->is_array()) {
            for (const auto& entry : *it) {
                if (std::string l = one(entry); !l.empty()) out.push_back(l);
            }
        }
    }
    return out;
}

std::string authorOf(const nlohmann::json& manifest) {
    auto it = manifest.find("author");
    if (it == manifest.end()) return "";
    if (it->is_string()) {
        std::string author = it->get<std::string>();
        auto paren = author.find(" (");
        if (paren != std::string::npos) author = author.substr(0, paren);  // drop "(url)"
        return personOriginator(author);
    }
    if (it->is_object()) return personOriginator(text(*it, "name"), text(*it, "email"));
    return "";
}

std::string repositoryOf(const nlohmann::json& manifest) {
    auto it = manifest.find("repository");
    if (it == manifest.end()) return "";
    std::string url = it->is_string()   ? it->get<std::string>()
                      : it->is_object() ? text(*it, "url")
                                        : "";
    if (url.rfind("github:", 0) == 0) return "https://github.com/" + url.substr(7);
    return url;
}

std::string npmPurl(const std::string& name, const std::string& version) {
    std::string scope;
    std::string base = name;
    if (!name.empty() && name[0] == '@') {
        auto slash = name.find('/');
        if (slash != std::string::npos) {
            scope = name.substr(0, slash);
            base = name.substr(slash + 1);
        }
    }
    return PackageUrl{"npm", scope, base, version, {}}.toString();
}

// The package a package.json describes; nullopt without a name and version (as trivy and
// syft: test fixtures, nested "type":"module" markers are not installed packages).
std::optional<Package> manifestPackage(const nlohmann::json& manifest, const std::string& path,
                                       const CatalogContext& ctx, const std::string& foundBy) {
    Package pkg;
    pkg.name = text(manifest, "name");
    pkg.version = text(manifest, "version");
    if (pkg.name.empty() || pkg.version.empty()) return std::nullopt;
    pkg.type = package_type::kNpm;
    pkg.foundBy = foundBy;
    pkg.licenses = licensesOf(manifest);
    pkg.originator = authorOf(manifest);
    pkg.homepage = text(manifest, "homepage");
    pkg.description = text(manifest, "description");
    pkg.downloadLocation = repositoryOf(manifest);
    pkg.locations.push_back(ctx.locate(path));
    pkg.purl = npmPurl(pkg.name, pkg.version);
    return pkg;
}

// SRI "sha512-<base64> sha1-<base64>" as SPDX checksums.
std::vector<Checksum> integrityChecksums(const std::string& integrity) {
    std::vector<Checksum> out;
    std::size_t start = 0;
    while (start < integrity.size()) {
        auto end = integrity.find(' ', start);
        if (end == std::string::npos) end = integrity.size();
        const std::string one = integrity.substr(start, end - start);
        start = end + 1;
        auto dash = one.find('-');
        if (dash == std::string::npos) continue;
        const std::string algorithm = one.substr(0, dash);
        auto raw = crypto::base64Decode(one.substr(dash + 1));
        if (!raw) continue;
        if (algorithm == "sha512" && raw->size() == 64)
            out.push_back({"SHA512", crypto::hexEncode(*raw)});
        if (algorithm == "sha1" && raw->size() == 20)
            out.push_back({"SHA1", crypto::hexEncode(*raw)});
        if (algorithm == "sha256" && raw->size() == 32)
            out.push_back({"SHA256", crypto::hexEncode(*raw)});
    }
    return out;
}

// The lock file describing each project folder: npm's own order of preference.
std::map<std::string, std::string> lockfilesByProject(const CatalogContext& ctx) {
    std::map<std::string, std::pair<int, std::string>> best;  // project → (rank, path)
    auto offer = [&](const std::string& project, int rank, const std::string& path) {
        if ((project + "/").find("/node_modules/") != std::string::npos) return;  // a package's
        auto it = best.find(project);
        if (it == best.end() || rank < it->second.first) best[project] = {rank, path};
    };
    std::set<std::string> paths;
    for (const auto& glob : kLockfiles) {
        for (auto& path : ctx.fs.keptFiles(glob)) paths.insert(std::move(path));
    }
    for (const auto& path : paths) {
        const std::string_view hidden = "/node_modules/.package-lock.json";
        if (path.size() >= hidden.size() &&
            path.compare(path.size() - hidden.size(), hidden.size(), hidden) == 0) {
            offer(path.substr(0, path.size() - hidden.size()), 0, path);
            continue;
        }
        const auto slash = path.rfind('/');
        const std::string project = slash == std::string::npos ? "" : path.substr(0, slash);
        offer(project, path.ends_with("/npm-shrinkwrap.json") ? 1 : 2, path);
    }
    std::map<std::string, std::string> out;
    for (const auto& [project, choice] : best) out[project] = choice.second;
    return out;
}

nlohmann::json parsedManifest(const CatalogContext& ctx, const std::string& path) {
    const std::string* content = ctx.fs.content(path);
    if (!content) return nlohmann::json();
    return nlohmann::json::parse(*content, nullptr, /*allow_exceptions=*/false);
}

// The packages of one project's lock: each installed one as its package.json describes it (the
// lock as second evidence), each one only the lock names as the lock describes it (dev-only
// entries of a package-lock.json that were not installed are left out, as trivy and syft do;
// the hidden lockfile lists only what node_modules holds, dev or not); all of them
// with their dependencies resolved the way node resolves require().
void catalogLockfile(const CatalogContext& ctx, const std::string& project,
                     const std::string& lockPath, const std::string& foundBy,
                     std::set<std::string>& described, std::vector<Package>& out) {
    std::string error;
    auto lock = parseNpmLockfile(*ctx.fs.content(lockPath), error);
    if (!lock) {
        ctx.warnings.push_back(lockPath + " " + error + "; its dependency tree is not read");
        return;
    }
    const FileLocation lockLocation = ctx.locate(lockPath);
    const bool installedTree = lockPath.ends_with("/node_modules/.package-lock.json");
    // The project itself: its package.json, with the lock's root entry's wants as well.
    std::map<std::string, NpmLockEntry> entries = lock->entries;
    const std::string rootManifest = project + "/package.json";
    nlohmann::json root = parsedManifest(ctx, rootManifest);
    if (root.is_object()) {
        NpmLockEntry& entry = entries[""];
        for (const char* kind :
             {"dependencies", "optionalDependencies", "peerDependencies", "devDependencies"}) {
            auto it = root.find(kind);
            if (it == root.end() || !it->is_object()) continue;
            for (const auto& [name, range] : it->items()) entry.dependencies.push_back(name);
        }
    }
    for (const auto& [key, entry] : entries) {
        if (entry.link) continue;  // its target is an entry of its own
        const std::string manifestPath =
            (key.empty() ? project : project + "/" + key) + "/package.json";
        std::optional<Package> pkg;
        nlohmann::json manifest = parsedManifest(ctx, manifestPath);
        if (manifest.is_object()) pkg = manifestPackage(manifest, manifestPath, ctx, foundBy);
        if (pkg) {
            described.insert(manifestPath);
            pkg->locations.push_back(lockLocation);
        } else {
            if (key.empty() || (entry.dev && !installedTree) || entry.name.empty() ||
                entry.version.empty())
                continue;
            pkg.emplace();
            pkg->name = entry.name;
            pkg->version = entry.version;
            pkg->type = package_type::kNpm;
            pkg->foundBy = foundBy;
            if (!entry.license.empty()) pkg->licenses = {entry.license};
            if (entry.resolved.starts_with("https://") || entry.resolved.starts_with("http://"))
                pkg->downloadLocation = entry.resolved;
            pkg->locations.push_back(lockLocation);
            pkg->purl = npmPurl(pkg->name, pkg->version);
        }
        if (pkg->checksums.empty()) pkg->checksums = integrityChecksums(entry.integrity);
        // Names resolve among this lock's packages by their install keys, never by bare names
        // (a tree holds several versions of one name).
        pkg->dependencyScope = lockLocation.path;
        pkg->provides = {"lock:" + key};
        for (const auto& wanted : entry.dependencies) {
            if (auto dependency = lock->resolve(key, wanted))
                pkg->dependsOn.push_back("lock:" + *dependency);
        }
        out.push_back(std::move(*pkg));
    }
}

}  // namespace

std::vector<FileRule> NpmCataloger::fileRules() const {
    FileRule manifests;
    manifests.globs = {kPackageJson};
    manifests.maxBytes = 2 << 20;
    FileRule locks;
    locks.globs = kLockfiles;
    locks.maxBytes = 32 << 20;
    return {manifests, locks};
}

std::vector<Package> NpmCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    std::set<std::string> described;  // the package.json files a lock file's tree covered
    for (const auto& [project, lockPath] : lockfilesByProject(ctx))
        catalogLockfile(ctx, project, lockPath, name(), described, out);
    for (const auto& path : ctx.fs.keptFiles(kPackageJson)) {
        if (described.count(path)) continue;
        nlohmann::json manifest = parsedManifest(ctx, path);
        if (!manifest.is_object()) {
            ctx.warnings.push_back(path + " is not a JSON object; skipped");
            continue;
        }
        if (auto pkg = manifestPackage(manifest, path, ctx, name())) out.push_back(std::move(*pkg));
    }
    return out;
}

}  // namespace signet::sbom
