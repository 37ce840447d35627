// NpmLockfile: the packages of an npm lock file (package-lock.json v1–v3, npm-shrinkwrap.json,
// node_modules/.package-lock.json) keyed by install path, and node's lookup among them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

// One entry, keyed as lockfile v2 keys its "packages": the install folder relative to the
// project ("node_modules/a/node_modules/@s/b"); "" is the project itself.
struct NpmLockEntry {
    std::string name;  // the package's own name (an alias's real name), else the folder's
    std::string version;
    std::string resolved;   // the tarball URL (or a link's target key)
    std::string integrity;  // SRI: "sha512-<base64>" (space-separated when several)
    std::string license;
    bool dev = false;
    bool link = false;                      // a symlink to `resolved` (workspaces, file: deps)
    std::vector<std::string> dependencies;  // the names it requires, all kinds
};

struct NpmLockfile {
    int lockfileVersion = 0;
    std::map<std::string, NpmLockEntry> entries;

    // The key node's require() of `name` from the package at `from` finds, following links;
    // nullopt when the lock has none.
    std::optional<std::string> resolve(const std::string& from, const std::string& name) const;
};

// The folder name a key installs, e.g. "@s/b" for "node_modules/a/node_modules/@s/b".
std::string npmFolderName(const std::string& key);

// Parses `text`; nullopt with `error` set when it is not an npm lock file (or nests deeper
// than npm ever writes).
std::optional<NpmLockfile> parseNpmLockfile(std::string_view text, std::string& error);

}  // namespace signet::sbom
