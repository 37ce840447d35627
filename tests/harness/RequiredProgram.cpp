#include "harness/RequiredProgram.h"

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <sstream>
#include <stdexcept>

namespace signet::testing {

std::string debianPackageOf(const std::string& program) {
    static const std::map<std::string, std::string> packages = {
        {"docker-registry", "docker-registry"},
        {"skopeo", "skopeo"},
        {"umoci", "umoci"},
        {"htpasswd", "apache2-utils"},
        {"setpriv", "util-linux"},
        {"openssl", "openssl"},
        {"curl", "curl"},
        {"jq", "jq"},
        {"go", "golang-go"},
        {"rpm", "rpm"},
        {"rpmbuild", "rpm"},
        {"debootstrap", "debootstrap"},
        {"python3", "python3"},
        {"groovy", "groovy"},
        {"java", "default-jre-headless"},
        {"yamllint", "yamllint"},
        {"shellcheck", "shellcheck"},
        {"zsh", "zsh"},
        {"fish", "fish"},
        {"node", "nodejs"},
        {"npm", "npm"},
        {"dpkg-query", "dpkg"},
        {"tar", "tar"},
        {"gzip", "gzip"},
    };
    auto found = packages.find(program);
    return found == packages.end() ? "" : found->second;
}

bool isOnPath(const std::string& program) {
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    }
    return false;
}

void requireProgram(const std::string& program) {
    if (isOnPath(program)) return;
    std::string name = program.substr(program.rfind('/') + 1);
    std::string package = debianPackageOf(name);
    throw std::runtime_error(program + (name == program ? " not found on PATH" : " not found") +
                             ": install the Debian package " +
                             (package.empty() ? "that provides it" : package) +
                             " (bash .ci/install-deps installs everything the tests use)");
}

}  // namespace signet::testing
