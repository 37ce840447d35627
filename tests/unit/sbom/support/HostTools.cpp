#include "HostTools.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "harness/Paths.h"
#include "harness/RequiredProgram.h"

extern char** environ;

namespace signet::sbom::test {

CommandResult runProgram(const std::vector<std::string>& argv, const std::string& workDir) {
    signet::testing::requireProgram(argv.at(0));
    int pipeFds[2];
    if (pipe(pipeFds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> args = argv;
    if (!workDir.empty()) {
        // posix_spawn has no portable chdir action in this glibc: go through env -C.
        args.insert(args.begin(), {"env", "-C", workDir});
    }
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    raw.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    CommandResult result;
    if (rc != 0) {
        close(pipeFds[0]);
        result.output = "cannot start " + argv[0];
        return result;
    }
    char buffer[65536];
    for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        result.output.append(buffer, n);
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool haveProgram(const std::string& program) {
    return signet::testing::isOnPath(program);
}

ScratchDir::ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "signet-sbom-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string spdxSchemaErrors(const std::string& json) {
    std::string ajv = signet::testing::sourceDir() + "/node_modules/.bin/ajv";
    if (!std::filesystem::exists(ajv)) {
        throw std::runtime_error("ajv-cli is not installed: run `npm ci` in " +
                                 signet::testing::sourceDir());
    }
    ScratchDir dir;
    std::string file = dir.path() + "/sbom.spdx.json";
    signet::testing::writeFile(file, json);
    std::string schema = signet::testing::sharedDir() + "/schemas/spdx-2.3.schema.json";
    CommandResult result = runProgram({ajv, "validate", "--spec=draft7", "-c", "ajv-formats",
                                       "--strict=false", "-s", schema, "-d", file});
    return result.exitCode == 0 ? "" : result.output;
}

}  // namespace signet::sbom::test
