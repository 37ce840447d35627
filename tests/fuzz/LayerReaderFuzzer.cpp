// A layer blob (tar, tar+gzip, tar+zstd) read with every cataloger's file rules, squashed and
// cataloged, as `signet sbom` does with a registry's layers.
#include <sstream>

#include "sbom/SbomGenerator.h"
#include "sbom/layer/LayerReader.h"
#include "sbom/os/OsRelease.h"
#include "support/FuzzInput.h"

using namespace signet::sbom;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto catalogers = defaultCatalogers();
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
