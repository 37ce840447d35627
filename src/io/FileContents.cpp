#include "io/FileContents.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace signet::io {

std::string readFileContents(const std::string& path, std::size_t maxBytes, ErrorKind kind,
                             const std::string& what) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        throw Error(kind, "cannot read " + what + " " + path + ": no such file");
    }
    if (std::filesystem::is_directory(status)) {
        throw Error(kind, "cannot read " + what + " " + path + ": it is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(kind, "cannot read " + what + " " + path + ": " + std::strerror(errno));
    std::string content;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (content.size() > maxBytes) {
            throw Error(ErrorKind::TooLarge, what + " " + path + " is larger than " +
                                                 std::to_string(maxBytes) + " bytes");
        }
    }
    return content;
}

}  // namespace signet::io
