#include "sbom/catalog/rpm/RpmCataloger.h"

#include <map>

#include "error/Error.h"
#include "sbom/catalog/rpm/BerkeleyDbHash.h"
#include "sbom/catalog/rpm/RpmHeader.h"
#include "sbom/catalog/rpm/RpmNdb.h"
#include "sbom/catalog/rpm/RpmdbSqlite.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

// rpm's backends in the order rpm itself detects them in one database directory.
struct Backend {
    PathGlob glob;
    std::vector<std::string> (*blobs)(std::string_view bytes);
};

// Berkeley DB Packages: key = the header number (host order), 0 holding rpm's own counter.
std::vector<std::string> berkeleyDbBlobs(std::string_view bytes) {
    std::vector<std::string> blobs;
    for (auto& record : readBerkeleyDbHash(bytes)) {
        if (record.key.size() == 4 && record.key == std::string(4, '\0')) continue;
        blobs.push_back(std::move(record.value));
    }
    return blobs;
}

const std::vector<Backend>& backends() {
    static const std::vector<Backend> all{{PathGlob("**/rpm/rpmdb.sqlite"), rpmdbSqliteBlobs},
                                          {PathGlob("**/rpm/Packages.db"), rpmNdbBlobs},
                                          {PathGlob("**/rpm/Packages"), berkeleyDbBlobs}};
    return all;
}

std::string directoryOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash);
}

struct DatabaseFile {
    std::string path;
    const Backend* backend;
};

// Per directory, the one database file rpm would open, with the backend that reads it.
std::map<std::string, DatabaseFile> databasesByDirectory(const SquashedFilesystem& fs) {
    std::map<std::string, DatabaseFile> chosen;
    for (const auto& backend : backends()) {
        for (const auto& path : fs.keptFiles(backend.glob)) {
            chosen.try_emplace(directoryOf(path), DatabaseFile{path, &backend});
        }
    }
    return chosen;
}

// Requirements rpm resolves elsewhere: rpmlib() features and file paths.
bool isPackageRequirement(const std::string& name) {
    return !name.empty() && name[0] != '/' && name.rfind("rpmlib(", 0) != 0;
}

std::string rpmPurl(const RpmHeader& h, const std::optional<LinuxRelease>& distro) {
    if (!distro) return "";
    std::string ns = distro->id;
    if (ns == "rhel") ns = "redhat";
    if (ns.rfind("opensuse", 0) == 0) ns = "opensuse";
    PackageUrl purl{"rpm",
                    ns,
                    h.name,
                    h.version + "-" + h.release,
                    {{"arch", h.arch},
                     {"distro", distro->distroQualifier()},
                     {"epoch", h.epoch ? std::to_string(*h.epoch) : ""},
                     {"upstream", h.sourceRpm}}};
    return purl.toString();
}

}  // namespace

std::vector<FileRule> RpmCataloger::fileRules() const {
    FileRule rule;
    for (const auto& backend : backends()) rule.globs.push_back(backend.glob);
    rule.maxBytes = 512 << 20;
    return {rule};
}

std::vector<Package> RpmCataloger::catalog(const CatalogContext& ctx) const {
    std::vector<Package> out;
    for (const auto& [directory, database] : databasesByDirectory(ctx.fs)) {
        const std::string& path = database.path;
        std::vector<std::string> blobs;
        try {
            blobs = database.backend->blobs(*ctx.fs.content(path));
        } catch (const Error& e) {
            ctx.warnings.push_back(path + ": " + e.what());
            continue;
        }
        for (const auto& blob : blobs) {
            RpmHeader h;
            try {
                h = parseRpmHeader(blob);
            } catch (const Error& e) {
                ctx.warnings.push_back(path + ": " + e.what());
                continue;
            }
            Package pkg;
            pkg.name = h.name;
            pkg.version = (h.epoch ? std::to_string(*h.epoch) + ":" : "") + h.version +
                          (h.release.empty() ? "" : "-" + h.release);
            pkg.type = package_type::kRpm;
            pkg.foundBy = name();
            if (!h.license.empty()) pkg.licenses = {h.license};
            if (!h.vendor.empty()) pkg.originator = "Organization: " + h.vendor;
            pkg.purl = rpmPurl(h, ctx.distro);
            pkg.provides = h.provideNames;
            for (const auto& required : h.requireNames) {
                if (isPackageRequirement(required)) pkg.dependsOn.push_back(required);
            }
            pkg.locations.push_back(ctx.locate(path));
            out.push_back(std::move(pkg));
        }
    }
    return out;
}

}  // namespace signet::sbom
