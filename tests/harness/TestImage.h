// TestImage: small real images built without a daemon (umoci OCI layout) and pushed with skopeo.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/TestRegistry.h"

namespace signet::testing {

struct PushedImage {
    std::string repository;  // "127.0.0.1:PORT/name"
    std::string tag;
    std::string digest;      // manifest digest the registry reports, "sha256:..."
    std::string ref() const { return repository + ":" + tag + "@" + digest; }
};

// Builds a one-layer image whose single file holds `content` (so different content gives a
// different digest) and pushes it as `name:tag`.
PushedImage pushSmallImage(const TestRegistry& registry, const std::string& name,
                           const std::string& tag, const std::string& content);

// Runs a command (argv[0] looked up in PATH) and returns its stdout; throws std::runtime_error
// with the command line and its stderr when it exits non-zero.
std::string runCommand(const std::vector<std::string>& argv, const std::string& stdinData = "",
                       const std::map<std::string, std::string>& extraEnv = {});

// A fresh temporary directory removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace signet::testing
