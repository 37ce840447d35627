// TricklingServer: a TCP server on 127.0.0.1 that reads a request's headers, then answers
// "200 OK, Content-Length: 1000000" one byte every `interval`, forever: a client that bounds only
// each read, not the whole call, never finishes.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace signet::testing {

class LoopbackServer;

struct TricklingServerOptions {
    std::chrono::milliseconds interval{2000};
    // false: the status line and headers trickle too; true: they arrive at once, then the body
    // trickles (a client gets past receiving the response head).
    bool headersAtOnce = false;
};

class TricklingServer {
  public:
    explicit TricklingServer(TricklingServerOptions options = {});
    ~TricklingServer();  // closes every connection and returns promptly
    TricklingServer(const TricklingServer&) = delete;
    TricklingServer& operator=(const TricklingServer&) = delete;

    std::string host() const;  // "127.0.0.1:PORT"
    int connectionsAccepted() const;

  private:
    std::unique_ptr<LoopbackServer> server_;
};

}  // namespace signet::testing
