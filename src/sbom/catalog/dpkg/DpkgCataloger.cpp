#include "sbom/catalog/dpkg/DpkgCataloger.h"

#include <sstream>

#include "sbom/catalog/ControlParagraphs.h"
#include "sbom/catalog/Originator.h"
#include "sbom/catalog/dpkg/Dep5Copyright.h"
#include "sbom/layer/LayerPath.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

const PathGlob kStatus("**/lib/dpkg/status");
const PathGlob kStatusD("**/lib/dpkg/status.d/*");
const PathGlob kCopyright("usr/share/doc/*/copyright");

// A copyright file is reduced to its license names, one per line.
std::optional<std::string> reduceCopyright(const std::string&, std::string_view bytes) {
    std::string out;
    for (const auto& license : dep5Licenses(std::string(bytes))) out += license + "\n";
    return out;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

// "bash (5.2.15-2)" → {"bash", "5.2.15-2"}.
std::pair<std::string, std::string> splitSource(const std::string& source) {
    auto open = source.find('(');
    if (open == std::string::npos) return {source, ""};
    std::string name = source.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    auto close = source.find(')', open);
    std::string version =
        source.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    return {name, version};
}

std::string debPurl(const ControlParagraph& p, const std::optional<LinuxRelease>& distro) {
    if (!distro || !distro->isLike("debian")) return "";
    auto [sourceName, sourceVersion] = splitSource(p.get("Source"));
    std::string upstream = sourceName;
    if (!sourceName.empty() && !sourceVersion.empty()) upstream += "@" + sourceVersion;
    PackageUrl purl{"deb",
                    distro->id,
                    p.get("Package"),
                    p.get("Version"),
                    {{"arch", p.get("Architecture")},
                     {"distro", distro->distroQualifier()},
                     {"upstream", upstream}}};
    return purl.toString();
}

// "libc6 (>= 2.34), foo | bar:any, baz [amd64]" → {"libc6", "foo", "bar:any", "baz"}.
std::vector<std::string> relationNames(const std::string& field) {
    std::vector<std::string> names;
    std::string current;
    auto flush = [&] {
        auto cut = current.find_first_of("([<>= \t\n");
        std::string name = current.substr(0, cut);
        if (!name.empty()) names.push_back(name);
        current.clear();
    };
    for (char c : field) {
        if (c == ',' || c == '|') {
            flush();
        } else if (!(current.empty() && (c == ' ' || c == '\n' || c == '\t'))) {
            current += c;
        }
    }
    flush();
    return names;
}

Package toPackage(const ControlParagraph& p, const std::string& dbPath, const CatalogContext& ctx) {
    Package pkg;
    pkg.name = p.get("Package");
    pkg.version = p.get("Version");
    pkg.type = package_type::kDeb;
    pkg.foundBy = "dpkg-db-cataloger";
    pkg.purl = debPurl(p, ctx.distro);
    pkg.originator = personOriginator(p.get("Maintainer"));
    pkg.description = lines(p.get("Description")).empty() ? "" : lines(p.get("Description"))[0];
    pkg.locations.push_back(ctx.locate(dbPath));
    pkg.provides = relationNames(p.get("Provides"));
    pkg.dependsOn = relationNames(p.get("Depends"));
    for (auto& name : relationNames(p.get("Pre-Depends"))) pkg.dependsOn.push_back(std::move(name));
    std::string copyright = "/usr/share/doc/" + pkg.name + "/copyright";
    if (const std::string* licenses = ctx.fs.content(copyright)) {
        pkg.licenses = lines(*licenses);
        pkg.locations.push_back(ctx.locate(copyright));
    }
    return pkg;
}

}  // namespace

std::vector<FileRule> DpkgCataloger::fileRules() const {
    FileRule database;
    database.globs = {kStatus, kStatusD};
    database.maxBytes = 256 << 20;
    FileRule copyright;
    copyright.globs = {kCopyright};
    copyright.maxBytes = 4 << 20;
    copyright.reduce = reduceCopyright;
    return {database, copyright};
}

std::vector<Package> DpkgCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<std::string> databases = ctx.fs.keptFiles(kStatus);
    for (auto& path : ctx.fs.keptFiles(kStatusD)) {
        if (path.size() < 8 || path.substr(path.size() - 8) != ".md5sums")
            databases.push_back(path);
    }
    std::vector<Package> out;
    for (const auto& db : databases) {
        for (const auto& paragraph : parseControlParagraphs(*ctx.fs.content(db))) {
            if (paragraph.get("Package").empty()) continue;
            if (paragraph.get("Status").find("deinstall") != std::string::npos) continue;
            out.push_back(toPackage(paragraph, db, ctx));
        }
    }
    return out;
}

}  // namespace signet::sbom
