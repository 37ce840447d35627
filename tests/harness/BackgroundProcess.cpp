#include "harness/BackgroundProcess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "harness/RequiredProgram.h"
#include <thread>

#include "harness/Command.h"

namespace signet::testing {
namespace {

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::string& logFile,
                                     const std::map<std::string, std::string>& extraEnv,
                                     const std::vector<std::string>& dropEnvPrefixes) {
    if (argv.empty()) throw std::runtime_error("BackgroundProcess: empty command line");
    // setpriv (util-linux) sets the parent-death signal and then execs the real program, which
    // keeps it: the registry dies with the test process even when the test crashes.
    requireProgram("setpriv");
    requireProgram(argv.at(0));
    std::vector<std::string> args = {"setpriv", "--pdeathsig", "KILL", "--"};
    args.insert(args.end(), argv.begin(), argv.end());
    std::vector<std::string> env = childEnvironment(extraEnv, dropEnvPrefixes);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logFile.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    auto argPointers = pointersTo(args);
    auto envPointers = pointersTo(env);
    int rc = ::posix_spawnp(&pid_, args[0].c_str(), &actions, nullptr, argPointers.data(),
                            envPointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + commandLine(argv) + ": " + std::strerror(rc));
    }
}

BackgroundProcess::~BackgroundProcess() {
    stop();
}

std::optional<int> BackgroundProcess::exitCode() {
    if (exitCode_ || pid_ <= 0) return exitCode_;
    int status = 0;
    pid_t rc = ::waitpid(pid_, &status, WNOHANG);
    if (rc == pid_) exitCode_ = decodeStatus(status);
    return exitCode_;
}

void BackgroundProcess::stop() {
    if (pid_ <= 0 || exitCode()) return;
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!exitCode() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (exitCode()) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exitCode_ = decodeStatus(status);
}

}  // namespace signet::testing
