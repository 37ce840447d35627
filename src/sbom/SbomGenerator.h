// SbomGenerator: the entry point — streams an image's layers, squashes them and runs the
// catalogers.
#pragma once

#include <memory>
#include <vector>

#include "sbom/cache/LayerCache.h"
#include "sbom/catalog/Cataloger.h"
#include "sbom/image/ImageInput.h"
#include "sbom/layer/FileRule.h"
#include "sbom/layer/LayerDiff.h"
#include "sbom/layer/ScanLimits.h"
#include "sbom/model/Sbom.h"

namespace signet::sbom {

// Every cataloger signet has (dpkg, apk, rpm, python, npm, Go binaries, Java archives).
std::vector<std::unique_ptr<Cataloger>> defaultCatalogers();

class SbomGenerator {
  public:
    // With a `cache`, layers found there by diff_id are not fetched, and layers read are kept
    // there (only those whose diff_id was checked against their bytes).
    explicit SbomGenerator(std::vector<std::unique_ptr<Cataloger>> catalogers,
                           ScanLimits limits = {}, std::shared_ptr<const LayerCache> cache = {});

    // A generator with defaultCatalogers().
    static SbomGenerator withDefaultCatalogers(ScanLimits limits = {},
                                               std::shared_ptr<const LayerCache> cache = {});

    // Streams the layers of input.layout through input.readLayer (several at once, from as many
    // threads: readLayer must allow that), squashes them in order, and returns the sorted
    // catalogue. A layer cache's trouble is a warning in the catalogue, never a failure. Throws
    // signet::Error (Registry for unreadable layers or manifests, TooLarge past a ScanLimits
    // bound); the message names the image.
    Sbom generate(const ImageInput& input) const;

  private:
    std::vector<LayerDiff> readLayers(const ImageInput& input, const std::vector<FileRule>& rules,
                                      Sbom& sbom) const;

    std::vector<std::unique_ptr<Cataloger>> catalogers_;
    ScanLimits limits_;
    std::shared_ptr<const LayerCache> cache_;
};

}  // namespace signet::sbom
