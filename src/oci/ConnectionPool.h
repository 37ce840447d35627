// ConnectionPool: keep-alive HTTP(S) sessions shared between threads, pooled per scheme+host.
#pragma once

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "net/Deadline.h"
#include "net/SocketWatchdog.h"

namespace signet::oci {

// The first pool initialises OpenSSL and ignores SIGPIPE (when it has its default action).
class ConnectionPool {
  public:
    // `caFile`: extra PEM CAs trusted on top of the system store (empty: system store only);
    // read here (net/CaBundle.h), so a bad file fails before any request. TLS is
    // net::VerifiedTls's: 1.2 or later, and the certificate must name the host dialled.
    ConnectionPool(std::string caFile, std::chrono::seconds timeout);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // A session checked out for one exchange. release() hands it back for reuse once the
    // response was read completely; otherwise the destructor closes it.
    class Lease {
      public:
        Lease(ConnectionPool& pool, std::string key,
              std::unique_ptr<Poco::Net::HTTPClientSession> s, bool reused);
        ~Lease();
        Lease(Lease&&) = default;
        Lease(const Lease&) = delete;
        Poco::Net::HTTPClientSession& session() { return *session_; }
        bool reused() const { return reused_; }
        // Connect, send and each receive wait at most what `deadline` leaves, and never longer
        // than the pool's per-request timeout; until the returned watch ends, the deadline shuts
        // the session's connection down: the one open now and any that replaces it (Poco
        // reconnects by itself when a write on a kept-alive connection fails). Destroy the watch
        // before the lease.
        [[nodiscard]] net::SocketWatchdog::Watch bindTo(const net::Deadline& deadline);
        void release();

      private:
        ConnectionPool* pool_;
        std::string key_;
        std::unique_ptr<Poco::Net::HTTPClientSession> session_;
        bool reused_;
    };

    // A pooled or new session for the URI's scheme, host and port. `verifyTls` false accepts
    // any certificate (insecure hosts only).
    Lease checkout(const Poco::URI& uri, bool verifyTls);

    // What a probe asks: GET /v2/ unless told otherwise (the first request to a host can be
    // its own probe).
    struct ProbeRequest {
        std::string method = "GET";
        std::string target = "/v2/";
        std::vector<std::pair<std::string, std::string>> headers;
        std::size_t maxBody = 4096;
    };
    struct ProbeAnswer {
        bool connected = false;  // something accepted the connection within the timeout
        bool http = false;       // and answered in HTTP
        int status = 0;
        std::string reason;
        Poco::Net::NameValueCollection headers;
        std::string body;       // at most the request's maxBody bytes
        bool complete = false;  // the whole body was read (none, for HEAD)
    };
    // `request` on host:port over TLS (`tls`, any certificate) or plain HTTP, within the
    // per-request timeout and `deadline`, on a connection of its own.
    ProbeAnswer probe(const std::string& host, unsigned short port, bool tls,
                      const net::Deadline& deadline, const ProbeRequest& request);
    ProbeAnswer probe(const std::string& host, unsigned short port, bool tls,
                      const net::Deadline& deadline);

  private:
    std::unique_ptr<Poco::Net::HTTPClientSession> open(const Poco::URI& uri, bool verifyTls);
    void giveBack(const std::string& key, std::unique_ptr<Poco::Net::HTTPClientSession> session);
    // Verifying contexts are per host: each checks the certificate names that host.
    Poco::Net::Context::Ptr context(const std::string& host, bool verifyTls);

    std::string caPem_;
    std::chrono::seconds timeout_;
    std::mutex mutex_;
    std::map<std::string, std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>>> idle_;
    std::map<std::string, Poco::Net::Context::Ptr> verifying_;  // by host
    Poco::Net::Context::Ptr accepting_;
};

}  // namespace signet::oci
