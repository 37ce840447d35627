#include "io/FileContents.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/RegularFile.h"

namespace signet::io {

std::string readFileContents(const std::string& path, std::size_t maxBytes, ErrorKind kind,
                             const std::string& what, ErrorKind tooLargeKind) {
    FileDescriptor file = openRegularFile(path, kind, what);
    std::string content;
    char buffer[65536];
    while (true) {
        ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw Error(kind, "cannot read " + what + " " + path + ": " + std::strerror(errno));
        if (n == 0) return content;
        content.append(buffer, static_cast<std::size_t>(n));
        if (content.size() > maxBytes) {
            throw Error(tooLargeKind, what + " " + path + " is larger than " +
                                          std::to_string(maxBytes) + " bytes");
        }
    }
}

void writeFileContents(const std::string& path, std::string_view content, mode_t mode, bool replace,
                       ErrorKind kind, const std::string& what) {
    FileDescriptor file = createRegularFile(path, mode, replace, kind, what);
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(file.get(), content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            throw Error(kind, "cannot write " + what + " " + path + ": " +
                                  std::strerror(n < 0 ? errno : EIO));
        }
        written += static_cast<std::size_t>(n);
    }
}

}  // namespace signet::io
