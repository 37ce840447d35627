// GoBuildInfo: the Go version and module info embedded in a Go binary (debug/buildinfo's format).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signet::sbom {

struct GoBuildInfo {
    std::string goVersion;  // "go1.19.8"
    std::string modInfo;    // the lines between the sentinels: path/mod/dep/=>/build
};

// Finds the `\xff Go buildinf:` header in `.go.buildinfo` (or the first writable PT_LOAD
// segment) and reads both the Go ≥ 1.18 inline form and the older pointer form. nullopt for
// anything that is not a Go ELF binary with readable build info.
std::optional<GoBuildInfo> readGoBuildInfo(std::string_view elfBytes);

struct GoModule {
    std::string path;
    std::string version;
    std::string sum;  // "h1:…" or empty
};

struct GoModInfo {
    std::string path;  // the main package path ("path" line)
    GoModule main;
    std::vector<GoModule> deps;                                 // replacements already applied
    std::vector<std::pair<std::string, std::string>> settings;  // build key=value
    std::string setting(const std::string& key) const;
};

GoModInfo parseGoModInfo(const std::string& modInfo);

}  // namespace signet::sbom
