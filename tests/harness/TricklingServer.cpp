#include "harness/TricklingServer.h"

#include <string_view>

#include "harness/LoopbackServer.h"
#include "harness/RawHttp.h"

namespace signet::testing {
namespace {

constexpr std::string_view kHead = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n";

void trickle(const TricklingServerOptions& options, LoopbackServer& server, TcpSocket& client) {
    HttpReader reader(client);
    if (!reader.readHead()) return;
    std::string_view pending = options.headersAtOnce ? std::string_view() : kHead;
    if (options.headersAtOnce) client.sendAll(kHead);
    while (server.sleepFor(options.interval)) {
        client.sendAll(pending.empty() ? std::string_view("x") : pending.substr(0, 1));
        if (!pending.empty()) pending.remove_prefix(1);
    }
}

}  // namespace

TricklingServer::TricklingServer(TricklingServerOptions options)
    : server_(
          std::make_unique<LoopbackServer>([options](LoopbackServer& server, TcpSocket& client) {
              trickle(options, server, client);
          })) {}

TricklingServer::~TricklingServer() = default;

std::string TricklingServer::host() const {
    return server_->host();
}

int TricklingServer::connectionsAccepted() const {
    return server_->connectionsAccepted();
}

}  // namespace signet::testing
