#include "harness/SilentServer.h"

#include "harness/LoopbackServer.h"

namespace signet::testing {

SilentServer::SilentServer()
    : server_(std::make_unique<LoopbackServer>(
          [](LoopbackServer& server, TcpSocket&) { server.waitForStop(); })) {}

SilentServer::~SilentServer() = default;

std::string SilentServer::host() const {
    return server_->host();
}

int SilentServer::connectionsAccepted() const {
    return server_->connectionsAccepted();
}

}  // namespace signet::testing
