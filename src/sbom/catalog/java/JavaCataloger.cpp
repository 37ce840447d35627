#include "sbom/catalog/java/JavaCataloger.h"

#include "sbom/catalog/java/JavaArchive.h"
#include "sbom/layer/LayerPath.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

constexpr const char* kTag = "java-archive";

std::optional<std::string> reduceArchive(const std::string& path, std::string_view bytes) {
    return encodeJavaArtifacts(readJavaArchive(bytes, baseName(path)));
}

}  // namespace

std::vector<FileRule> JavaCataloger::fileRules() const {
    FileRule rule;
    for (const char* ext :
         {"jar", "war", "ear", "par", "sar", "nar", "jpi", "hpi", "kar", "lpkg"}) {
        rule.globs.emplace_back(std::string("**/*.") + ext);
    }
    rule.maxBytes = 256 << 20;
    rule.reduce = reduceArchive;
    rule.tag = kTag;
    return {rule};
}

std::vector<Package> JavaCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    for (const auto& path : ctx.fs.keptFilesTagged(kTag)) {
        for (const auto& artifact : decodeJavaArtifacts(*ctx.fs.content(path))) {
            Package pkg;
            pkg.name = artifact.artifactId;
            pkg.version = artifact.version;
            pkg.type = package_type::kJavaArchive;
            pkg.foundBy = name();
            if (!artifact.vendor.empty()) pkg.originator = "Organization: " + artifact.vendor;
            if (!artifact.sha1.empty()) pkg.checksums.push_back({"SHA1", artifact.sha1});
            FileLocation where = ctx.locate(path);
            if (!artifact.archivePath.empty()) where.path += ":" + artifact.archivePath;
            pkg.locations.push_back(where);
            if (!pkg.name.empty()) {
                pkg.purl =
                    PackageUrl{"maven", artifact.groupId, pkg.name, pkg.version, {}}.toString();
            }
            out.push_back(std::move(pkg));
        }
    }
    return out;
}

}  // namespace signet::sbom
