// LayerProgress: wraps an image's layer streamer to report "layer n/m, bytes" while it reads —
// redrawn in place on a terminal, otherwise silent — and to total what was read.
#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "sbom/image/ImageInput.h"

namespace signet::sbom {

struct LayerTotals {
    int layers = 0;
    std::uint64_t bytes = 0;  // compressed bytes as they came from the registry
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

// Returns `input` with its streamer wrapped; `totals` is filled as layers are read. When
// `terminal` is non-null, progress lines are drawn on it (use only for an interactive stderr).
ImageInput withLayerProgress(ImageInput input, std::shared_ptr<LayerTotals> totals,
                             std::ostream* terminal);

}  // namespace signet::sbom
