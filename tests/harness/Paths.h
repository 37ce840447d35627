// Paths: where tests find the shared fixtures, the signet binary and the source tree.
#pragma once

#include <string>

namespace signet::testing {

// ../shared next to the repository (read-only fixtures, schemas, references).
std::string sharedDir();
// sharedDir() + "/fixtures/" + relative, e.g. fixture("interop/cosign-keys/pemsigstorekey.pem").
std::string fixture(const std::string& relative);
// The built `signet` executable.
std::string signetBinary();
// The repository's top directory.
std::string sourceDir();
// Whole file contents; throws std::runtime_error naming the file when it cannot be read.
std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& content);

}  // namespace signet::testing
