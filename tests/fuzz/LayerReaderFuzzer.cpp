// A layer blob (tar, tar+gzip, tar+zstd) read with every cataloger's file rules, squashed and
// cataloged, as `signet sbom` does with a registry's layers.
#include <sstream>

#include "sbom/catalog/apk/ApkCataloger.h"
#include "sbom/catalog/dpkg/DpkgCataloger.h"
#include "sbom/catalog/go/GoCataloger.h"
#include "sbom/catalog/java/JavaCataloger.h"
#include "sbom/catalog/npm/NpmCataloger.h"
#include "sbom/catalog/python/PythonCataloger.h"
#include "sbom/catalog/rpm/RpmCataloger.h"
#include "sbom/layer/LayerReader.h"
#include "sbom/os/OsRelease.h"
#include "support/FuzzInput.h"

namespace {

using namespace signet::sbom;

std::vector<std::unique_ptr<Cataloger>> allCatalogers() {
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<DpkgCataloger>());
    catalogers.push_back(std::make_unique<ApkCataloger>());
    catalogers.push_back(std::make_unique<RpmCataloger>());
    catalogers.push_back(std::make_unique<PythonCataloger>());
    catalogers.push_back(std::make_unique<NpmCataloger>());
    catalogers.push_back(std::make_unique<JavaCataloger>());
    catalogers.push_back(std::make_unique<GoCataloger>());
    return catalogers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto catalogers = allCatalogers();
    static const auto rules = [] {
        std::vector<FileRule> all = osReleaseFileRules();
        for (const auto& c : catalogers) {
            for (auto& rule : c->fileRules()) all.push_back(std::move(rule));
        }
        return all;
    }();
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        ScanLimits limits;
        limits.maxLayerBytes = 64 << 20;  // a bomb is refused with TooLarge, within -rss_limit_mb
        limits.maxKeptBytes = 64 << 20;
        ScanBudget budget;
        std::vector<std::string> warnings;
        std::istringstream blob(signet::fuzz::inputText(data, size));
        SquashedFilesystem fs;
        fs.applyLayer(LayerReader(rules, limits, budget, warnings).read(blob, "", 0));
        std::optional<LinuxRelease> distro = identifyRelease(fs);
        std::vector<std::string> diffIds = {"sha256:00"};
        CatalogContext context{fs, distro, diffIds, warnings};
        for (const auto& c : catalogers) c->catalog(context);
    });
    return 0;
}
