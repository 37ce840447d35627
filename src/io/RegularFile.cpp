#include "io/RegularFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace signet::io {
namespace {

// What a non-regular file is, in the words of the error line.
std::string kindOfFile(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    return "not a regular file";
}

[[noreturn]] void refuse(const std::string& path, ErrorKind kind, const std::string& what,
                         const std::string& reason, const char* verb = "read") {
    throw Error(kind, std::string("cannot ") + verb + " " + what + " " + path + ": " + reason);
}

[[noreturn]] void refuseType(const std::string& path, ErrorKind kind, const std::string& what,
                             mode_t mode, const char* verb = "read") {
    refuse(path, kind, what, "it is " + kindOfFile(mode) + ", not a regular file", verb);
}

void clearNonBlocking(int fd, const std::string& path, ErrorKind kind, const std::string& what,
                      const char* verb) {
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        refuse(path, kind, what, std::strerror(errno), verb);
}

std::optional<FileDescriptor> open(const std::string& path, ErrorKind kind, const std::string& what,
                                   bool optional) {
    // stat first so that devices are not even opened; fstat after opening closes the race.
    struct stat before {};
    if (::stat(path.c_str(), &before) != 0) {
        if (optional && errno == ENOENT) return std::nullopt;
        refuse(path, kind, what, std::strerror(errno));
    }
    if (!S_ISREG(before.st_mode)) refuseType(path, kind, what, before.st_mode);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        if (optional && errno == ENOENT) return std::nullopt;
        refuse(path, kind, what, std::strerror(errno));
    }
    FileDescriptor file(fd);
    struct stat opened {};
    if (::fstat(fd, &opened) != 0) refuse(path, kind, what, std::strerror(errno));
    if (!S_ISREG(opened.st_mode)) refuseType(path, kind, what, opened.st_mode);
    clearNonBlocking(fd, path, kind, what, "read");
    return file;
}

}  // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
}

FileDescriptor openRegularFile(const std::string& path, ErrorKind kind, const std::string& what) {
    return *open(path, kind, what, false);
}

std::optional<FileDescriptor> openRegularFileIfPresent(const std::string& path, ErrorKind kind,
                                                       const std::string& what) {
    return open(path, kind, what, true);
}

FileDescriptor createRegularFile(const std::string& path, mode_t mode, bool replace, ErrorKind kind,
                                 const std::string& what) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK |
                (replace ? 0 : O_EXCL);
    int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) refuse(path, kind, what, std::strerror(errno), "write");
    FileDescriptor file(fd);
    struct stat opened {};
    if (::fstat(fd, &opened) != 0) refuse(path, kind, what, std::strerror(errno), "write");
    if (!S_ISREG(opened.st_mode)) refuseType(path, kind, what, opened.st_mode, "write");
    if (::ftruncate(fd, 0) != 0 || ::fchmod(fd, mode) != 0)
        refuse(path, kind, what, std::strerror(errno), "write");
    clearNonBlocking(fd, path, kind, what, "write");
    return file;
}

}  // namespace signet::io
