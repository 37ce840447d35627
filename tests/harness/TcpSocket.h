// TcpSocket: an owned TCP socket on 127.0.0.1 that another thread may shut down while it is in use.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace signet::testing {

class TcpSocket {
  public:
    explicit TcpSocket(int fd) : fd_(fd) {}
    ~TcpSocket();  // closes (with FIN) unless already closed
    TcpSocket(const TcpSocket&) = delete;
    TcpSocket& operator=(const TcpSocket&) = delete;

    int fd() const { return fd_; }  // -1 once closed; for the owning thread
    bool closed() const;            // from any thread
    // Only the owning thread reads, writes and closes; shutdownBoth() is safe from any thread.
    void sendAll(std::string_view bytes);               // throws on failure (no SIGPIPE)
    std::size_t receive(char* into, std::size_t size);  // 0 at EOF; throws on error
    void shutdownBoth();  // wakes a blocked receive/send; the descriptor stays open
    void close();         // orderly close (FIN)
    void reset();         // abortive close: SO_LINGER {1, 0}, so the peer gets an RST

  private:
    mutable std::mutex mutex_;  // guards fd_ against close/shutdown races, not the I/O itself
    int fd_ = -1;
};

// Connects to "HOST:PORT" with a numeric IPv4 host, e.g. "127.0.0.1:5000"; throws on failure.
std::shared_ptr<TcpSocket> connectTcp(const std::string& hostAndPort);

}  // namespace signet::testing
