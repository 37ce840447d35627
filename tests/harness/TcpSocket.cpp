#include "harness/TcpSocket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace signet::testing {
namespace {

std::runtime_error socketError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

sockaddr_in parseAddress(const std::string& hostAndPort) {
    const auto colon = hostAndPort.rfind(':');
    sockaddr_in address{};
    address.sin_family = AF_INET;
    if (colon == std::string::npos ||
        inet_pton(AF_INET, hostAndPort.substr(0, colon).c_str(), &address.sin_addr) != 1) {
        throw std::invalid_argument("not a numeric IPv4 HOST:PORT: " + hostAndPort);
    }
    address.sin_port = htons(static_cast<uint16_t>(std::stoi(hostAndPort.substr(colon + 1))));
    return address;
}

}  // namespace

TcpSocket::~TcpSocket() {
    close();
}

void TcpSocket::sendAll(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) throw socketError("send");
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
}

std::size_t TcpSocket::receive(char* into, std::size_t size) {
    for (;;) {
        const ssize_t got = ::recv(fd_, into, size, 0);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno != EINTR) throw socketError("recv");
    }
}

bool TcpSocket::closed() const {
    std::lock_guard lock(mutex_);
    return fd_ < 0;
}

void TcpSocket::shutdownBoth() {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void TcpSocket::close() {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void TcpSocket::reset() {
    std::lock_guard lock(mutex_);
    if (fd_ < 0) return;
    const linger abortive{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    ::close(fd_);
    fd_ = -1;
}

std::shared_ptr<TcpSocket> connectTcp(const std::string& hostAndPort) {
    const sockaddr_in address = parseAddress(hostAndPort);
    auto socket = std::make_shared<TcpSocket>(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (socket->fd() < 0) throw socketError("socket");
    if (::connect(socket->fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throw socketError("connect to " + hostAndPort);
    }
    return socket;
}

}  // namespace signet::testing
