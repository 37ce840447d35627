// MallocTuning: glibc malloc settings that keep signet's resident memory near what it uses — a
// layer's read-ahead chunks, spooled files and per-thread scans must not stay resident after use.
#pragma once

namespace signet::cli {

// A fixed mmap threshold (large blocks go back to the system when freed, and the threshold no
// longer climbs with them) and at most two malloc arenas for the layer threads.
void tuneMalloc();

}  // namespace signet::cli
