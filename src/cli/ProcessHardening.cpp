#include "cli/ProcessHardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <csignal>

namespace signet::cli {

void hardenProcess() {
    rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace signet::cli
