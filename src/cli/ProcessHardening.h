// ProcessHardening: what signet does to its own process before touching any secret — no core
// files (key bytes and passwords must never land on disk) and no SIGPIPE deaths on closed sockets.
#pragma once

namespace signet::cli {

// Sets RLIMIT_CORE to 0 and marks the process non-dumpable; ignores SIGPIPE.
void hardenProcess();

}  // namespace signet::cli
