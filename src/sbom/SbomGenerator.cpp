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

SbomGenerator::SbomGenerator(std::vector<std::unique_ptr<Cataloger>> catalogers, ScanLimits limits,
                             std::shared_ptr<const LayerCache> cache)
    : catalogers_(std::move(catalogers)), limits_(limits), cache_(std::move(cache)) {}

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

SbomGenerator SbomGenerator::withDefaultCatalogers(ScanLimits limits,
                                                   std::shared_ptr<const LayerCache> cache) {
    return SbomGenerator(defaultCatalogers(), limits, std::move(cache));
}

namespace {

// A cached layer charged to the image's budget as if it had been read.
LayerDiff chargeCachedLayer(CachedLayer cached, ScanBudget& budget, const ScanLimits& limits,
                            std::vector<std::string>& warnings) {
    budget.addEntries(cached.diff.tarEntries, limits);
    for (const auto& entry : cached.diff.entries) {
        if (entry.node.content) budget.addKeptBytes(entry.node.content->size(), limits);
    }
    for (auto& warning : cached.warnings) budget.warn(warnings, std::move(warning));
    return std::move(cached.diff);
}

}  // namespace

// Every layer read into its diff, up to limits_.layerConcurrency at once (each a stream from the
// registry through its inflater, or an entry of the layer cache), returned in layer order for
// squashing. The first failing layer in order is the one reported; once one fails no further
// layer is started.
std::vector<LayerDiff> SbomGenerator::readLayers(const ImageInput& input,
                                                 const std::vector<FileRule>& rules,
                                                 Sbom& sbom) const {
    const auto& layers = input.layout.layers;
    if (!layers.empty() && !input.readLayer) {
        throw Error(ErrorKind::Internal, "no layer streamer was given");
    }
    ScanBudget budget;
    std::vector<LayerDiff> diffs(layers.size());
    std::vector<std::vector<std::string>> layerWarnings(layers.size());
    std::vector<std::exception_ptr> failures(layers.size());
    std::atomic<bool> failed = false;
    std::atomic<std::size_t> fromCache = 0;
    auto check = input.layersCheckedBySource ? LayerReader::BlobCheck::BySource
                                             : LayerReader::BlobCheck::Here;
    const std::optional<LayerScanKey> key =
        cache_ ? std::optional(layerScanKey(rules, limits_)) : std::nullopt;
    io::parallelFor(layers.size(), limits_.layerConcurrency, [&](std::size_t i) {
        if (failed) return;
        try {
            const std::string& diffId = layers[i].diffId;
            if (cache_) {
                std::string unusable;
                if (auto cached = cache_->load(diffId, *key, i, unusable)) {
                    diffs[i] =
                        chargeCachedLayer(std::move(*cached), budget, limits_, layerWarnings[i]);
                    ++fromCache;
                    return;
                }
                if (!unusable.empty()) budget.warn(layerWarnings[i], unusable);
            }
            const std::size_t ownWarnings = layerWarnings[i].size();
            LayerReader reader(rules, limits_, budget, layerWarnings[i]);
            input.readLayer(layers[i], [&](std::istream& blob) {
                diffs[i] = reader.read(blob, layers[i].digest, diffId, i, check);
            });
            // Hard links a rule selects whose target it did not: the layer once more for those.
            if (!diffs[i].pendingHardlinks.empty()) {
                input.readLayer(layers[i], [&](std::istream& blob) {
                    reader.resolveHardlinks(blob, layers[i].digest, diffId, i, check, diffs[i]);
                });
            }
            // Past the image's warning cap this layer's list may lack some: not kept then.
            if (cache_ && budget.warnings < kMaxWarnings) {
                std::vector<std::string> own(layerWarnings[i].begin() + ownWarnings,
                                             layerWarnings[i].end());
                if (auto failure = cache_->store(diffId, *key, diffs[i], own))
                    budget.warn(layerWarnings[i], *failure);
            }
        } catch (...) {
            failures[i] = std::current_exception();
            failed = true;
        }
    });
    for (const auto& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
    mergeLayerWarnings(layerWarnings, budget.warnings, sbom.warnings);
    sbom.layersFromCache = fromCache;
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
        for (auto& diff : readLayers(input, rules, sbom)) fs.applyLayer(std::move(diff));
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
