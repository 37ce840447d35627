// ImageSbom: the one SBOM flow of `signet sbom` and `signet run` — a platform image from the
// registry, catalogued, written as a document of its own, and summed up in one line.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <ostream>
#include <string>

#include "sbom/SbomGenerator.h"
#include "sbom/image/LayerProgress.h"
#include "sbom/image/RegistryImage.h"
#include "sbom/write/DocumentFormat.h"

namespace signet::sbom {

struct ImageSbom {
    std::string subject;   // "registry/repo@sha256:…" of the platform manifest
    std::string platform;  // "linux/amd64"; "" when the image names none
    std::string digest;    // the platform manifest's digest
    Sbom catalogue;
    std::string document;               // in the format asked for, with a namespace of its own
    LayerTotals totals;                 // what was read
    std::chrono::milliseconds took{0};  // from the first layer to the written document
};

// Streams `image`'s layers through `generator` (drawing progress on `terminal` when it is not
// null) and writes the document, created at `created` (SOURCE_DATE_EPOCH) or now.
ImageSbom makeImageSbom(const SbomGenerator& generator, PlatformImage image, DocumentFormat format,
                        std::optional<std::time_t> created, std::ostream* terminal = nullptr);

// "registry/repo@sha256:… (linux/amd64): 12 packages from 3 layers[ (2 from the layer cache)],
// 2048 bytes in 40 ms[, 1 warnings]" (the bytes those fetched).
std::string summaryOf(const ImageSbom& sbom);

}  // namespace signet::sbom
