#include "sbom/catalog/apk/ApkCataloger.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "sbom/catalog/Originator.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

const PathGlob kInstalled("**/lib/apk/db/installed");

using ApkEntry = std::map<char, std::string>;

// "X:value" lines; a blank line ends an entry; empty values are skipped; file records ignored.
std::vector<ApkEntry> parseInstalled(const std::string& text) {
    std::vector<ApkEntry> entries;
    ApkEntry current;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (!current.empty()) entries.push_back(std::move(current));
            current.clear();
            continue;
        }
        if (line.size() < 3 || line[1] != ':') continue;
        char key = line[0];
        if (std::string("PVAomLUTDp").find(key) == std::string::npos) continue;
        current.emplace(key, line.substr(2));
    }
    if (!current.empty()) entries.push_back(std::move(current));
    return entries;
}

std::string field(const ApkEntry& entry, char key) {
    auto it = entry.find(key);
    return it == entry.end() ? "" : it->second;
}

// The whole L value when it reads as an SPDX expression, else its space-separated names.
std::vector<std::string> apkLicenses(const std::string& value) {
    if (value.empty()) return {};
    if (value.find(" AND ") != std::string::npos || value.find(" OR ") != std::string::npos ||
        value.find(" WITH ") != std::string::npos) {
        return {value};
    }
    std::istringstream in(value);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// "so:libc.musl-x86_64.so.1=1 cmd:sh=1.36" → {"so:libc.musl-x86_64.so.1", "cmd:sh"};
// dependency entries may also carry "<", ">", "~" constraints and a "!" conflict marker.
std::vector<std::string> apkNames(const std::string& value, bool dependencies) {
    std::istringstream in(value);
    std::vector<std::string> out;
    for (std::string word; in >> word;) {
        if (dependencies && word[0] == '!') continue;
        std::string name = word.substr(0, word.find_first_of("=<>~"));
        if (!name.empty()) out.push_back(name);
    }
    return out;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

std::vector<FileRule> ApkCataloger::fileRules() const {
    FileRule rule;
    rule.globs = {kInstalled};
    rule.maxBytes = 256 << 20;
    return {rule};
}

std::vector<Package> ApkCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    for (const auto& db : ctx.fs.keptFiles(kInstalled)) {
        for (const auto& entry : parseInstalled(*ctx.fs.content(db))) {
            Package pkg;
            pkg.name = field(entry, 'P');
            pkg.version = field(entry, 'V');
            pkg.type = package_type::kApk;
            pkg.foundBy = name();
            pkg.licenses = apkLicenses(field(entry, 'L'));
            pkg.originator = personOriginator(field(entry, 'm'));
            pkg.downloadLocation = field(entry, 'U');
            pkg.description = field(entry, 'T');
            pkg.locations.push_back(ctx.locate(db));
            pkg.provides = apkNames(field(entry, 'p'), false);
            pkg.dependsOn = apkNames(field(entry, 'D'), true);
            if (ctx.distro && !pkg.name.empty()) {
                std::string origin = field(entry, 'o');
                PackageUrl purl{"apk",
                                lower(ctx.distro->id),
                                pkg.name,
                                pkg.version,
                                {{"arch", field(entry, 'A')},
                                 {"distro", ctx.distro->distroQualifier()},
                                 {"upstream", origin != pkg.name ? origin : ""}}};
                pkg.purl = purl.toString();
            }
            out.push_back(std::move(pkg));
        }
    }
    return out;
}

}  // namespace signet::sbom
