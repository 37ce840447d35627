#include "cli/ProcessHardening.h"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace signet::cli {
namespace {

// Runs in a child so the test process itself stays dumpable.
TEST(ProcessHardening, NoCoreFilesAndNotDumpable) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        hardenProcess();
        rlimit limit{};
        getrlimit(RLIMIT_CORE, &limit);
        bool ok = limit.rlim_cur == 0 && limit.rlim_max == 0 && prctl(PR_GET_DUMPABLE) == 0;
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace signet::cli
