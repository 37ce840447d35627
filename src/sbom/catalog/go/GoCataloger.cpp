#include "sbom/catalog/go/GoCataloger.h"

#include <cctype>

#include "crypto/Encoding.h"
#include "sbom/catalog/go/GoBuildInfo.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

constexpr const char* kTag = "go-binary";

// A binary is reduced to "<go version>\n<modinfo>"; anything else keeps nothing.
std::optional<std::string> reduceBinary(const std::string&, std::string_view bytes) {
    auto info = readGoBuildInfo(bytes);
    if (!info) return std::nullopt;
    return info->goVersion + "\n" + info->modInfo;
}

std::string golangPurl(const std::string& modulePath, const std::string& version) {
    auto slash = modulePath.rfind('/');
    std::string ns = slash == std::string::npos ? "" : modulePath.substr(0, slash);
    std::string name = slash == std::string::npos ? modulePath : modulePath.substr(slash + 1);
    return PackageUrl{"golang", ns, name, version, {}}.toString();
}

std::vector<Checksum> h1Checksum(const std::string& sum) {
    if (sum.rfind("h1:", 0) != 0) return {};
    auto raw = crypto::base64Decode(sum.substr(3));
    if (!raw || raw->size() != 32) return {};
    return {{"SHA256", crypto::hexEncode(*raw)}};
}

Package modulePackage(const GoModule& module, const FileLocation& where) {
    Package pkg;
    pkg.name = module.path;
    pkg.version = module.version;
    pkg.type = package_type::kGoModule;
    pkg.foundBy = "go-module-binary-cataloger";
    pkg.purl = golangPurl(module.path, module.version);
    pkg.checksums = h1Checksum(module.sum);
    pkg.locations.push_back(where);
    return pkg;
}

Package stdlibPackage(const std::string& goVersion, const FileLocation& where) {
    std::string version = goVersion.substr(0, goVersion.find(' '));
    Package pkg;
    pkg.name = "stdlib";
    pkg.version = version;
    pkg.type = package_type::kGoModule;
    pkg.foundBy = "go-module-binary-cataloger";
    pkg.purl = PackageUrl{"golang", "", "stdlib", version.substr(2), {}}.toString();
    pkg.licenses = {"BSD-3-Clause"};
    pkg.locations.push_back(where);
    return pkg;
}

bool symbolChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
           c == '-';
}

// The value of the first "-X <pkg>.version=<value>" (any case of "version" suffix) in ldflags.
std::string versionFromLdflags(const std::string& ldflags) {
    for (std::size_t at = ldflags.find("-X"); at != std::string::npos;
         at = ldflags.find("-X", at + 2)) {
        std::size_t cursor = at + 2;
        while (cursor < ldflags.size() && (ldflags[cursor] == ' ' || ldflags[cursor] == '=' ||
                                           ldflags[cursor] == '\'' || ldflags[cursor] == '"')) {
            ++cursor;
        }
        std::size_t symbolEnd = cursor;
        while (symbolEnd < ldflags.size() && symbolChar(ldflags[symbolEnd])) ++symbolEnd;
        if (symbolEnd >= ldflags.size() || ldflags[symbolEnd] != '=') continue;
        std::string symbol = ldflags.substr(cursor, symbolEnd - cursor);
        auto dot = symbol.rfind('.');
        std::string leaf = dot == std::string::npos ? "" : symbol.substr(dot + 1);
        if (leaf.size() < 7) continue;
        std::string tail = leaf.substr(leaf.size() - 7);
        if (tail != "version" && tail != "Version" && tail != "VERSION") continue;
        if (leaf.size() > 7 && tail == "version") continue;  // "xversion" is not a version var
        std::size_t valueEnd = symbolEnd + 1;
        while (valueEnd < ldflags.size() &&
               !std::isspace(static_cast<unsigned char>(ldflags[valueEnd])) &&
               ldflags[valueEnd] != '\'' && ldflags[valueEnd] != '"') {
            ++valueEnd;
        }
        std::string value = ldflags.substr(symbolEnd + 1, valueEnd - symbolEnd - 1);
        if (!value.empty()) return value;
    }
    return "";
}

}  // namespace

std::string goMainVersion(const std::string& ldflags, const std::string& vcsRevision,
                          const std::string& vcsTime) {
    if (std::string v = versionFromLdflags(ldflags); !v.empty()) return v[0] == 'v' ? v : "v" + v;
    if (!vcsRevision.empty() && vcsTime.size() >= 19) {
        std::string stamp;
        for (char c : vcsTime.substr(0, 19)) {
            if (c >= '0' && c <= '9') stamp += c;
        }
        return "v0.0.0-" + stamp + "-" + vcsRevision.substr(0, 12);
    }
    return "";
}

std::vector<FileRule> GoCataloger::fileRules() const {
    FileRule rule;
    rule.sniff = ContentSniff::Elf;
    rule.maxBytes = 256 << 20;
    rule.reduce = reduceBinary;
    rule.tag = kTag;
    return {rule};
}

std::vector<Package> GoCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    for (const auto& path : ctx.fs.keptFilesTagged(kTag)) {
        const std::string& kept = *ctx.fs.content(path);
        auto newline = kept.find('\n');
        std::string goVersion = kept.substr(0, newline);
        GoModInfo mod =
            parseGoModInfo(newline == std::string::npos ? "" : kept.substr(newline + 1));
        FileLocation where = ctx.locate(path);
        GoModule main = mod.main;
        if (main.path.empty() || main.path == "command-line-arguments") main.path = mod.path;
        if (main.version.empty() || main.version == "(devel)") {
            std::string derived = goMainVersion(
                mod.setting("-ldflags"), mod.setting("vcs.revision"), mod.setting("vcs.time"));
            main.version = derived.empty() ? "(devel)" : derived;  // as go version -m and syft
        }
        if (!main.path.empty()) {
            Package mainPackage = modulePackage(main, where);
            for (const auto& dep : mod.deps) mainPackage.dependsOn.push_back(dep.path);
            mainPackage.dependsOn.push_back("stdlib");
            out.push_back(std::move(mainPackage));
        }
        for (const auto& dep : mod.deps) out.push_back(modulePackage(dep, where));
        out.push_back(stdlibPackage(goVersion, where));
    }
    return out;
}

}  // namespace signet::sbom
