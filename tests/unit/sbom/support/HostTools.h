// HostTools: runs real host programs (dpkg-query, go, rpm, ajv) and manages temp dirs for sbom
// tests.
#pragma once

#include <string>
#include <vector>

namespace signet::sbom::test {

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

// Runs argv (argv[0] looked up in PATH) with an optional working directory.
CommandResult runProgram(const std::vector<std::string>& argv, const std::string& workDir = "");

// True when `program` is found in PATH.
bool haveProgram(const std::string& program);

// A fresh directory under /tmp, removed with its contents when the object dies.
class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// Validates `json` against the SPDX 2.3 schema in shared/schemas with the worktree's ajv-cli
// (draft-07, ajv-formats). Returns "" when valid, else ajv's output. Throws when ajv is missing.
std::string spdxSchemaErrors(const std::string& json);

}  // namespace signet::sbom::test
