#include "sbom/catalog/python/PythonCataloger.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "sbom/catalog/ControlParagraphs.h"
#include "sbom/catalog/Originator.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

const std::vector<PathGlob>& metadataGlobs() {
    static const std::vector<PathGlob> globs = {
        PathGlob("**/*.dist-info/METADATA"), PathGlob("**/*DIST-INFO/METADATA"),
        PathGlob("**/*.egg-info/PKG-INFO"), PathGlob("**/*EGG-INFO/PKG-INFO"),
        PathGlob("**/*.egg-info")};
    return globs;
}

// Keeps only the header block: the long description after it is never needed.
std::optional<std::string> reduceToHeaders(const std::string&, std::string_view bytes) {
    std::size_t end = std::min(bytes.find("\n\n"), bytes.find("\r\n\r\n"));
    return std::string(end == std::string_view::npos ? bytes : bytes.substr(0, end + 1));
}

std::vector<std::string> declaredLicenses(const ControlParagraph& p) {
    std::string expression = p.get("License-Expression");
    if (!expression.empty()) return {expression};
    std::string license = p.get("License");
    if (license.empty() || license == "UNKNOWN" || license.find('\n') != std::string::npos ||
        license.size() > 200) {
        return {};
    }
    return {license};
}

}  // namespace

std::string normalizePythonName(const std::string& name) {
    std::string out;
    bool inRun = false;
    for (unsigned char c : name) {
        if (c == '-' || c == '_' || c == '.') {
            if (!inRun) out += '-';
            inRun = true;
        } else {
            out += static_cast<char>(std::tolower(c));
            inRun = false;
        }
    }
    return out;
}

std::vector<FileRule> PythonCataloger::fileRules() const {
    FileRule rule;
    rule.globs = metadataGlobs();
    rule.maxBytes = 1 << 20;
    rule.oversize = OversizePolicy::Truncate;
    rule.reduce = reduceToHeaders;
    return {rule};
}

std::string pypiPurlName(const std::string& name) {
    std::string out;
    for (unsigned char c : name) out += c == '_' ? '-' : static_cast<char>(std::tolower(c));
    return out;
}

std::vector<Package> PythonCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    std::set<std::string> seen;
    for (const auto& glob : metadataGlobs()) {
        for (const auto& path : ctx.fs.keptFiles(glob)) {
            if (!seen.insert(path).second) continue;
            auto paragraphs = parseControlParagraphs(*ctx.fs.content(path), true);
            if (paragraphs.empty()) continue;
            const ControlParagraph& p = paragraphs[0];
            std::string rawName = p.get("Name");
            if (rawName.empty() || rawName == "Python") continue;
            Package pkg;
            pkg.name = normalizePythonName(rawName);
            pkg.version = p.get("Version");
            pkg.type = package_type::kPython;
            pkg.foundBy = name();
            pkg.licenses = declaredLicenses(p);
            std::string authorEmail = p.get("Author-email");
            pkg.originator = authorEmail.find('<') != std::string::npos
                                 ? personOriginator(authorEmail)
                                 : personOriginator(p.get("Author"), authorEmail);
            pkg.homepage = p.get("Home-page");
            pkg.description = p.get("Summary");
            pkg.locations.push_back(ctx.locate(path));
            pkg.purl = PackageUrl{"pypi", "", pypiPurlName(rawName), pkg.version, {}}.toString();
            out.push_back(std::move(pkg));
        }
    }
    return out;
}

}  // namespace signet::sbom
