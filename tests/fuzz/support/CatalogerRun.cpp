#include "support/CatalogerRun.h"

#include <sstream>

#include "LayerBuilder.h"  // tests/unit/sbom/support
#include "sbom/layer/LayerReader.h"
#include "sbom/os/OsRelease.h"

namespace signet::fuzz {

std::vector<sbom::Package> catalogFiles(const sbom::Cataloger& cataloger,
                                        const std::vector<ImageFile>& files) {
    sbom::test::LayerBuilder layer;
    layer.file("etc/os-release", "ID=debian\nVERSION_ID=12\n");
    for (const auto& file : files) layer.file(file.path, file.content);
    std::vector<sbom::FileRule> rules = sbom::osReleaseFileRules();
    for (auto& rule : cataloger.fileRules()) rules.push_back(std::move(rule));

    sbom::ScanLimits limits;
    limits.maxLayerBytes = 64 << 20;
    sbom::ScanBudget budget;
    std::vector<std::string> warnings;
    std::istringstream blob(layer.build());
    sbom::SquashedFilesystem fs;
    fs.applyLayer(sbom::LayerReader(rules, limits, budget, warnings).read(blob, "", 0));
    std::optional<sbom::LinuxRelease> distro = sbom::identifyRelease(fs);
    std::vector<std::string> diffIds = {"sha256:00"};
    sbom::CatalogContext context{fs, distro, diffIds, warnings};
    return cataloger.catalog(context);
}

}  // namespace signet::fuzz
