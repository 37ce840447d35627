// SilentServer: a TCP server on 127.0.0.1 that accepts connections and never sends (or reads) a
// byte, keeping them open until it is destroyed: a registry that hangs before answering.
#pragma once

#include <memory>
#include <string>

namespace signet::testing {

class LoopbackServer;

class SilentServer {
  public:
    SilentServer();
    ~SilentServer();  // closes every connection and returns promptly
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;

    std::string host() const;  // "127.0.0.1:PORT"
    int connectionsAccepted() const;

  private:
    std::unique_ptr<LoopbackServer> server_;
};

}  // namespace signet::testing
