#include "sbom/ImageSbom.h"

#include <memory>

namespace signet::sbom {

ImageSbom makeImageSbom(const SbomGenerator& generator, PlatformImage image, DocumentFormat format,
                        std::optional<std::time_t> created, std::ostream* terminal) {
    ImageSbom out;
    out.subject = image.input.name + "@" + image.digest;
    out.platform = image.platform;
    out.digest = image.digest;
    auto totals = std::make_shared<LayerTotals>();
    out.catalogue = generator.generate(withLayerProgress(std::move(image.input), totals, terminal));
    out.totals = *totals;
    out.document = writeDocument(out.catalogue, format, DocumentOptions::fresh(created));
    out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - totals->start);
    return out;
}

std::string summaryOf(const ImageSbom& sbom) {
    const std::size_t cached = sbom.catalogue.layersFromCache;
    std::string line = sbom.subject + (sbom.platform.empty() ? "" : " (" + sbom.platform + ")") +
                       ": " + std::to_string(sbom.catalogue.packages.size()) + " packages from " +
                       std::to_string(sbom.totals.layers + cached) + " layers" +
                       (cached ? " (" + std::to_string(cached) + " from the layer cache)" : "") +
                       ", " + std::to_string(sbom.totals.bytes) + " bytes in " +
                       std::to_string(sbom.took.count()) + " ms";
    if (!sbom.catalogue.warnings.empty())
        line += ", " + std::to_string(sbom.catalogue.warnings.size()) + " warnings";
    return line;
}

}  // namespace signet::sbom
