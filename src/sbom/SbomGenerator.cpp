#include "sbom/SbomGenerator.h"

#include <algorithm>

#include "error/Error.h"
#include "sbom/catalog/apk/ApkCataloger.h"
#include "sbom/catalog/dpkg/DpkgCataloger.h"
#include "sbom/catalog/go/GoCataloger.h"
#include "sbom/catalog/java/JavaCataloger.h"
#include "sbom/catalog/npm/NpmCataloger.h"
#include "sbom/catalog/python/PythonCataloger.h"
#include "sbom/catalog/rpm/RpmCataloger.h"
#include "sbom/image/ImageLayout.h"
#include "sbom/layer/LayerReader.h"
#include "sbom/model/DependencyResolver.h"
#include "sbom/os/OsRelease.h"

namespace signet::sbom {
namespace {

// syft's compliance pass: drop nameless packages, stub missing versions.
void applyCompliance(std::vector<Package>& packages) {
    packages.erase(std::remove_if(packages.begin(), packages.end(),
                                  [](const Package& p) { return p.name.empty(); }),
                   packages.end());
    for (auto& p : packages) {
        if (p.version.empty()) p.version = "UNKNOWN";
    }
}

}  // namespace

SbomGenerator::SbomGenerator(std::vector<std::unique_ptr<Cataloger>> catalogers, ScanLimits limits)
    : catalogers_(std::move(catalogers)), limits_(limits) {}

std::vector<std::unique_ptr<Cataloger>> defaultCatalogers() {
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<DpkgCataloger>());
    catalogers.push_back(std::make_unique<ApkCataloger>());
    catalogers.push_back(std::make_unique<RpmCataloger>());
    catalogers.push_back(std::make_unique<PythonCataloger>());
    catalogers.push_back(std::make_unique<NpmCataloger>());
    catalogers.push_back(std::make_unique<GoCataloger>());
    catalogers.push_back(std::make_unique<JavaCataloger>());
    return catalogers;
}

SbomGenerator SbomGenerator::withDefaultCatalogers(ScanLimits limits) {
    return SbomGenerator(defaultCatalogers(), limits);
}

Sbom SbomGenerator::generate(const ImageInput& input) const {
    std::string label = input.name.empty() ? "image" : input.name;
    try {
        const ImageLayout& layout = input.layout;
        Sbom sbom;
        sbom.image = {input.name,          input.tag, layout.manifestDigest,
                      layout.architecture, layout.os, {}};
        std::vector<FileRule> rules = osReleaseFileRules();
        for (const auto& cataloger : catalogers_) {
            for (auto& rule : cataloger->fileRules()) rules.push_back(std::move(rule));
        }
        ScanBudget budget;
        LayerReader reader(rules, limits_, budget, sbom.warnings);
        SquashedFilesystem fs(limits_.maxSymlinkHops);
        for (std::size_t i = 0; i < layout.layers.size(); ++i) {
            const LayerDescriptor& layer = layout.layers[i];
            sbom.image.diffIds.push_back(layer.diffId);
            if (!input.readLayer) throw Error(ErrorKind::Internal, "no layer streamer was given");
            input.readLayer(layer, [&](std::istream& blob) {
                fs.applyLayer(reader.read(blob, layer.digest, layer.diffId, i,
                                          input.layersCheckedBySource
                                              ? LayerReader::BlobCheck::BySource
                                              : LayerReader::BlobCheck::Here));
            });
        }
        sbom.distro = identifyRelease(fs);
        CatalogContext context{fs, sbom.distro, sbom.image.diffIds, sbom.warnings};
        for (const auto& cataloger : catalogers_) {
            for (auto& pkg : cataloger->catalog(context)) sbom.packages.push_back(std::move(pkg));
        }
        applyCompliance(sbom.packages);
        std::stable_sort(sbom.packages.begin(), sbom.packages.end(), packageLess);
        sbom.dependencies = resolveDependencies(sbom.packages);
        return sbom;
    } catch (const Error& e) {
        throw e.withContext("SBOM for " + label);
    }
}

}  // namespace signet::sbom
