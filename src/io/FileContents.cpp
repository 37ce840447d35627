#include "io/FileContents.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
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

int writeAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return ENOSPC;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

void writeFileContents(const std::string& path, std::string_view content, mode_t mode, bool replace,
                       ErrorKind kind, const std::string& what) {
    FileDescriptor file = createRegularFile(path, mode, replace, kind, what);
    if (int error = writeAll(file.get(), content)) {
        throw Error(kind, "cannot write " + what + " " + path + ": " + std::strerror(error));
    }
}

int replaceFileAtomically(const std::string& path, std::string_view bytes, mode_t mode) {
    std::string temporary = path + ".XXXXXX" + std::string(kReplacementSuffix);
    int fd = ::mkstemps(temporary.data(), static_cast<int>(kReplacementSuffix.size()));
    if (fd < 0) return errno;
    int error = ::fchmod(fd, mode) != 0 ? errno : writeAll(fd, bytes);
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
    if (error != 0) ::unlink(temporary.c_str());
    return error;
}

}  // namespace signet::io
