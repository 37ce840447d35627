// BoundedSession: an HTTP(S) client session whose every connect, send and receive keeps to a
// deadline, and whose connection the SocketWatchdog shuts down when that deadline passes.
#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Timespan.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>

#include "net/Deadline.h"
#include "net/HostResolution.h"
#include "net/SocketWatchdog.h"

namespace signet::net {

// Each wait of `session` is at most `limit` (at least 1 ms: zero would mean no limit at all), on
// the open socket as well as for the next connection.
Poco::Timespan timespanOf(std::chrono::milliseconds limit);
void limitSession(Poco::Net::HTTPClientSession& session, std::chrono::milliseconds limit);

// What a session's connections must keep to. Poco also reconnects by itself when a write on a
// kept-alive session fails (e.g. a TLS handshake the watchdog ended), so every connect checks.
struct SessionLimits {
    Deadline deadline;
    std::chrono::milliseconds perRequest{60000};
    std::uint64_t watch = 0;  // the SocketWatchdog watch that follows the session's socket
};

// Poco writes a request's headers and its body in separate sends; with Nagle's algorithm the
// body then waits for the server's delayed ACK (~40 ms per PUT). Registry and API traffic is many
// small request/response pairs, so the sockets are opened with TCP_NODELAY.
// The host name is resolved within the limits too (HostResolution), once, before the first
// request: the session then dials that address and keeps the name for the Host header and, over
// TLS, for SNI and the certificate check.
template <typename Session>
class BoundedSession : public Session, public SessionLimits {
  public:
    using Session::Session;

    std::ostream& sendRequest(Poco::Net::HTTPRequest& request) override {
        if (name_.empty()) pinAddress();
        if (!request.has(Poco::Net::HTTPRequest::HOST)) request.setHost(name_, this->getPort());
        return Session::sendRequest(request);
    }

  protected:
    void connect(const Poco::Net::SocketAddress& address) override {
        if (deadline.passed()) throw Poco::TimeoutException("the deadline passed");
        this->setTimeout(timespanOf(deadline.remaining(perRequest)));
        // Whatever socket this session had is closed; the watch follows the new one.
        if (watch) SocketWatchdog::shared().retarget(watch, -1);
        Session::connect(address);
        this->socket().setNoDelay(true);
        if (watch) SocketWatchdog::shared().retarget(watch, this->socket().impl()->sockfd());
    }

  private:
    void pinAddress() {
        name_ = this->getHost();
        std::string address = resolveHost(name_, deadline, perRequest);
        if (address == name_ || this->connected()) return;
        this->setHost(address);
        if constexpr (std::is_base_of_v<Poco::Net::HTTPSClientSession, Session>) {
            Poco::Net::SecureStreamSocket(this->socket()).setPeerHostName(name_);
        }
    }

    std::string name_;  // the host name asked for (the session's host is its address)
};

// Bounds `session` (a BoundedSession, or any session for the socket limits alone) by `deadline`
// and `perRequest`, and watches its connection — the open one and any that replaces it — until
// the returned watch is destroyed (before the session).
[[nodiscard]] SocketWatchdog::Watch bindToDeadline(Poco::Net::HTTPClientSession& session,
                                                   const Deadline& deadline,
                                                   std::chrono::milliseconds perRequest);

}  // namespace signet::net
