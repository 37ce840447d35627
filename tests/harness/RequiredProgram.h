// RequiredProgram: finds a program the tests run on PATH, or fails with one line naming the Debian
// package that provides it (the packages .ci/install-deps installs).
#pragma once

#include <string>

namespace signet::testing {

// The Debian package that installs `program` (e.g. "docker-registry" for docker-registry,
// "apache2-utils" for htpasswd), or "" when the table does not know it.
std::string debianPackageOf(const std::string& program);

// True when `program` is on PATH (or, when it is a path, exists and is executable).
bool isOnPath(const std::string& program);

// Throws std::runtime_error("PROGRAM not found on PATH: install the Debian package PKG (bash
// .ci/install-deps installs everything the tests use)") unless `program` is on PATH (or, when it
// is a path, exists and is executable).
void requireProgram(const std::string& program);

}  // namespace signet::testing
