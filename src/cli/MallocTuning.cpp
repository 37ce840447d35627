#include "cli/MallocTuning.h"

#include <malloc.h>

namespace signet::cli {

void tuneMalloc() {
    // Measured on the 600 MiB bench layer (bench/sbom.sh): peak RSS 42 → 36 MiB for one layer,
    // 70 → 39 MiB for four read at once; no change in time.
    mallopt(M_MMAP_THRESHOLD, 128 << 10);
    mallopt(M_ARENA_MAX, 2);
}

}  // namespace signet::cli
