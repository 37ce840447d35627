// RegularFile: opening an input file only when it is a regular file, so that a FIFO, socket or
// device given as a key, password, CA, config or list file fails at once instead of blocking.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "error/Error.h"

namespace signet::io {

// An open file descriptor, closed when destroyed.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor();

    int get() const { return fd_; }

  private:
    int fd_;
};

// Opens `path` for reading (symbolic links followed: Kubernetes Secret volumes are "..data"
// links) when it is a regular file. The open never blocks (O_NONBLOCK, cleared afterwards) and
// anything else is refused with Error(kind, "cannot read WHAT PATH: it is a FIFO (named pipe),
// not a regular file"), likewise for sockets, character and block devices and directories, and
// "cannot read WHAT PATH: <strerror>" when it cannot be opened.
FileDescriptor openRegularFile(const std::string& path, ErrorKind kind, const std::string& what);

// Like openRegularFile, but nullopt when nothing exists at `path`.
std::optional<FileDescriptor> openRegularFileIfPresent(const std::string& path, ErrorKind kind,
                                                       const std::string& what);

// Opens `path` for writing as an empty regular file with exactly `mode` (umask does not apply):
// created, or with `replace` truncated when it is already a regular file. A symbolic link, FIFO,
// socket or device there is refused at once with Error(kind, "cannot write WHAT PATH: ..."),
// as is an existing file without `replace`.
FileDescriptor createRegularFile(const std::string& path, mode_t mode, bool replace, ErrorKind kind,
                                 const std::string& what);

}  // namespace signet::io
