#include "sbom/SbomGenerator.h"

#include <algorithm>
#include <atomic>
#include <exception>

#include "error/Error.h"
#include "io/ParallelFor.h"
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

// The layers' warnings in layer order, at most kMaxWarnings lines with the cap's notice last.
void mergeLayerWarnings(std::vector<std::vector<std::string>>& perLayer, std::uint64_t count,
                        std::vector<std::string>& out) {
    for (auto& warnings : perLayer) {
        for (auto& warning : warnings) {
            if (out.size() + 1 < kMaxWarnings && warning != kWarningsCapNotice) {
                out.push_back(std::move(warning));
            }
        }
    }
    if (count >= kMaxWarnings) {
        out.emplace_back(kWarningsCapNotice);
    }
}

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

// Every layer read into its diff, up to limits_.layerConcurrency at once (each a stream from the
// registry through its inflater), returned in layer order for squashing. The first failing layer
// in order is the one reported; once one fails no further layer is started.
std::vector<LayerDiff> SbomGenerator::readLayers(const ImageInput& input,
                                                 const std::vector<FileRule>& rules,
                                                 std::vector<std::string>& warnings) const {
    const auto& layers = input.layout.layers;
    if (!layers.empty() && !input.readLayer) {
        throw Error(ErrorKind::Internal, "no layer streamer was given");
    }
    ScanBudget budget;
    std::vector<LayerDiff> diffs(layers.size());
    std::vector<std::vector<std::string>> layerWarnings(layers.size());
    std::vector<std::exception_ptr> failures(layers.size());
    std::atomic<bool> failed = false;
    auto check = input.layersCheckedBySource ? LayerReader::BlobCheck::BySource
                                             : LayerReader::BlobCheck::Here;
    io::parallelFor(layers.size(), limits_.layerConcurrency, [&](std::size_t i) {
        if (failed) return;
        try {
            LayerReader reader(rules, limits_, budget, layerWarnings[i]);
            input.readLayer(layers[i], [&](std::istream& blob) {
                diffs[i] = reader.read(blob, layers[i].digest, layers[i].diffId, i, check);
            });
        } catch (...) {
            failures[i] = std::current_exception();
            failed = true;
        }
    });
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    mergeLayerWarnings(layerWarnings, budget.warnings, warnings);
    return diffs;
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
        for (const auto& layer : layout.layers) sbom.image.diffIds.push_back(layer.diffId);
        SquashedFilesystem fs(limits_.maxSymlinkHops);
        for (auto& diff : readLayers(input, rules, sbom.warnings)) fs.applyLayer(std::move(diff));
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
