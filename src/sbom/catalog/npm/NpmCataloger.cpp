#include "sbom/catalog/npm/NpmCataloger.h"

#include <nlohmann/json.hpp>

#include "sbom/catalog/Originator.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

const PathGlob kPackageJson("**/package.json");

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

}  // namespace

std::vector<FileRule> NpmCataloger::fileRules() const {
    FileRule rule;
    rule.globs = {kPackageJson};
    rule.maxBytes = 2 << 20;
    return {rule};
}

std::vector<Package> NpmCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    for (const auto& path : ctx.fs.keptFiles(kPackageJson)) {
        nlohmann::json manifest =
            nlohmann::json::parse(*ctx.fs.content(path), nullptr, /*allow_exceptions=*/false);
        if (!manifest.is_object()) {
            ctx.warnings.push_back(path + " is not a JSON object; skipped");
            continue;
        }
        Package pkg;
        pkg.name = text(manifest, "name");
        pkg.version = text(manifest, "version");
        // As trivy and syft: a package.json without a name and version is not an installed
        // package (test fixtures, nested "type":"module" markers).
        if (pkg.name.empty() || pkg.version.empty()) continue;
        pkg.type = package_type::kNpm;
        pkg.foundBy = name();
        pkg.licenses = licensesOf(manifest);
        pkg.originator = authorOf(manifest);
        pkg.homepage = text(manifest, "homepage");
        pkg.description = text(manifest, "description");
        pkg.downloadLocation = repositoryOf(manifest);
        pkg.locations.push_back(ctx.locate(path));
        pkg.purl = npmPurl(pkg.name, pkg.version);
        out.push_back(std::move(pkg));
    }
    return out;
}

}  // namespace signet::sbom
