// SocketFile: a bound Unix socket at a path, for tests that hand signet a socket as an input
// file. The socket closes on destruction; the file stays until its directory goes.
#pragma once

#include <string>

namespace signet::testing {

class SocketFile {
  public:
    explicit SocketFile(const std::string& path);  // throws std::runtime_error when it cannot
    ~SocketFile();
    SocketFile(const SocketFile&) = delete;
    SocketFile& operator=(const SocketFile&) = delete;

  private:
    int fd_;
};

}  // namespace signet::testing
