#include "harness/Paths.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace signet::testing {

std::string sharedDir() {
    return SIGNET_SHARED_DIR;
}
std::string fixture(const std::string& relative) {
    return sharedDir() + "/fixtures/" + relative;
}
std::string signetBinary() {
    return SIGNET_BINARY;
}
std::string sourceDir() {
    return SIGNET_SOURCE_DIR;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << content;
}

}  // namespace signet::testing
