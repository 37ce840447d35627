#include "harness/Command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "harness/RequiredProgram.h"

extern char** environ;

namespace signet::testing {
namespace {

// Both ends close-on-exec, so concurrent children never inherit each other's pipes.
struct Pipe {
    int read = -1;
    int write = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
        }
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        closeRead();
        closeWrite();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void closeRead() {
        if (read >= 0) ::close(read);
        read = -1;
    }
    void closeWrite() {
        if (write >= 0) ::close(write);
        write = -1;
    }
};

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

pid_t spawnWithPipes(const std::vector<std::string>& argv, std::vector<std::string> env, Pipe& in,
                     Pipe& out, Pipe& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
    std::vector<std::string> args = argv;
    auto argPointers = pointersTo(args);
    auto envPointers = pointersTo(env);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argPointers.data(),
                            envPointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + commandLine(argv) + ": " + std::strerror(rc));
    }
    return pid;
}

int exitCodeOf(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// Appends what `pipe` has to `sink`; closes the read end at end of file or on an error.
void drainReadable(const pollfd& polled, Pipe& pipe, std::string& sink) {
    if (polled.fd < 0 || !(polled.revents & (POLLIN | POLLHUP | POLLERR))) return;
    char buffer[65536];
    ssize_t n = ::read(polled.fd, buffer, sizeof buffer);
    if (n > 0) {
        sink.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
        pipe.closeRead();
    }
}

// Writes the next piece of stdin (the pipe is non-blocking); closes it when all is written or
// the child stopped reading.
void feedWritable(const pollfd& polled, Pipe& pipe, const std::string& data, size_t& written) {
    if (polled.fd < 0 || !(polled.revents & (POLLOUT | POLLERR | POLLHUP))) return;
    ssize_t n = ::write(pipe.write, data.data() + written, data.size() - written);
    if (n > 0) written += static_cast<size_t>(n);
    if ((n < 0 && errno != EINTR && errno != EAGAIN) || written == data.size()) pipe.closeWrite();
}

// Feeds stdin and drains stdout/stderr together so no pipe fills up; kills the child at the
// deadline. Returns false when the deadline passed (or poll failed).
bool pumpPipes(pid_t pid, const std::string& stdinData, Pipe& in, Pipe& out, Pipe& err,
               CommandResult& result, std::chrono::steady_clock::time_point deadline) {
    size_t written = 0;
    if (stdinData.empty()) in.closeWrite();
    // Non-blocking: a big write must not block while the child waits for us to read its output.
    if (in.write >= 0) ::fcntl(in.write, F_SETFL, ::fcntl(in.write, F_GETFL) | O_NONBLOCK);
    while (out.read >= 0 || err.read >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fds[3] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}, {in.write, POLLOUT, 0}};
        if (left.count() <= 0 ||
            (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR)) {
            ::kill(pid, SIGKILL);
            return false;
        }
        drainReadable(fds[0], out, result.out);
        drainReadable(fds[1], err, result.err);
        feedWritable(fds[2], in, stdinData, written);
    }
    return true;
}

std::string tail(const std::string& text, size_t maxChars) {
    return text.size() <= maxChars ? text : "..." + text.substr(text.size() - maxChars);
}

}  // namespace

std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra,
                                          const std::vector<std::string>& dropPrefixes) {
    std::vector<std::string> env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string text = *entry;
        std::string name = text.substr(0, text.find('='));
        bool dropped = extra.count(name) > 0;
        for (const auto& prefix : dropPrefixes) dropped = dropped || name.rfind(prefix, 0) == 0;
        if (!dropped) env.push_back(text);
    }
    for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
    return env;
}

std::string commandLine(const std::vector<std::string>& argv) {
    std::string line;
    bool previousTakesCredentials = false;
    for (std::string arg : argv) {
        if (previousTakesCredentials) arg = arg.substr(0, arg.find(':')) + ":***";
        previousTakesCredentials = arg.size() >= 5 && arg.compare(arg.size() - 5, 5, "creds") == 0;
        if (!line.empty()) line += ' ';
        bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`") == std::string::npos;
        line += plain ? arg : "'" + arg + "'";
    }
    return line;
}

CommandResult runCommandForResult(const std::vector<std::string>& argv,
                                  const CommandOptions& options) {
    if (argv.empty()) throw std::runtime_error("runCommand: empty command line");
    requireProgram(argv[0]);
    // A child that exits before reading all of stdin must not kill the test with SIGPIPE.
    static const bool sigpipeIgnored = [] { return ::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipeIgnored;
    Pipe in, out, err;
    pid_t pid = spawnWithPipes(argv, childEnvironment(options.extraEnv), in, out, err);
    in.closeRead();
    out.closeWrite();
    err.closeWrite();
    CommandResult result;
    auto deadline = std::chrono::steady_clock::now() + options.timeout;
    bool inTime = pumpPipes(pid, options.stdinData, in, out, err, result, deadline);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exitCode = exitCodeOf(status);
    if (!inTime) result.err += "\n[killed after " + std::to_string(options.timeout.count()) + "s]";
    return result;
}

std::string runCommand(const std::vector<std::string>& argv, const std::string& stdinData,
                       const std::map<std::string, std::string>& extraEnv) {
    CommandOptions options;
    options.stdinData = stdinData;
    options.extraEnv = extraEnv;
    CommandResult result = runCommandForResult(argv, options);
    if (result.exitCode != 0) {
        throw std::runtime_error(commandLine(argv) + " exited with " +
                                 std::to_string(result.exitCode) + ": " + tail(result.err, 2000));
    }
    return result.out;
}

}  // namespace signet::testing
