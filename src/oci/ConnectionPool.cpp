#include "oci/ConnectionPool.h"

#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <signal.h>

#include <csignal>

#include "net/BoundedSession.h"
#include "net/CaBundle.h"
#include "net/SocketWatchdog.h"
#include "net/VerifiedTls.h"
#include "oci/BoundedBody.h"

namespace signet::oci {
namespace {

constexpr std::size_t kMaxIdlePerHost = 8;

// Once per process: OpenSSL through Poco, and SIGPIPE ignored unless someone installed a
// handler, so that writing to a connection the registry has closed is an error, not death.
void initialiseProcess() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        struct sigaction current {};
        if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(SIGPIPE, SIG_IGN);
    });
}

std::string poolKey(const Poco::URI& uri, bool verifyTls) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort()) +
           (verifyTls ? "" : "#unverified");
}

}  // namespace

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::string key,
                             std::unique_ptr<Poco::Net::HTTPClientSession> s, bool reused)
    : pool_(&pool), key_(std::move(key)), session_(std::move(s)), reused_(reused) {}

ConnectionPool::Lease::~Lease() {
    if (session_) {
        try {
            session_->reset();
        } catch (...) {
        }
    }
}

net::SocketWatchdog::Watch ConnectionPool::Lease::bindTo(const net::Deadline& deadline) {
    return net::bindToDeadline(*session_, deadline, pool_->timeout_);
}

void ConnectionPool::Lease::release() {
    if (session_) pool_->giveBack(key_, std::move(session_));
}

ConnectionPool::ConnectionPool(std::string caFile, std::chrono::seconds timeout)
    : caPem_(caFile.empty() ? std::string() : net::readCaBundle(caFile, "SIGNET_REGISTRY_CA file")),
      timeout_(timeout) {
    initialiseProcess();
}

ConnectionPool::~ConnectionPool() = default;

Poco::Net::Context::Ptr ConnectionPool::context(const std::string& host, bool verifyTls) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!verifyTls) {
        if (!accepting_) accepting_ = net::unverifiedClientContext();
        return accepting_;
    }
    Poco::Net::Context::Ptr& slot = verifying_[host];
    if (!slot) slot = net::verifyingClientContext(host, {caPem_, true});
    return slot;
}

std::unique_ptr<Poco::Net::HTTPClientSession> ConnectionPool::open(const Poco::URI& uri,
                                                                   bool verifyTls) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPSClientSession>>(
            uri.getHost(), uri.getPort(), context(uri.getHost(), verifyTls));
    } else {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPClientSession>>(
            uri.getHost(), uri.getPort());
    }
    session->setKeepAlive(true);
    session->setTimeout(Poco::Timespan(static_cast<long>(timeout_.count()), 0));
    return session;
}

ConnectionPool::Lease ConnectionPool::checkout(const Poco::URI& uri, bool verifyTls) {
    std::string key = poolKey(uri, verifyTls);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& idle = idle_[key];
        if (!idle.empty()) {
            auto session = std::move(idle.back());
            idle.pop_back();
            return Lease(*this, key, std::move(session), true);
        }
    }
    return Lease(*this, key, open(uri, verifyTls), false);
}

void ConnectionPool::giveBack(const std::string& key,
                              std::unique_ptr<Poco::Net::HTTPClientSession> session) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& idle = idle_[key];
    if (idle.size() < kMaxIdlePerHost) idle.push_back(std::move(session));
}

ConnectionPool::ProbeAnswer ConnectionPool::probe(const std::string& host, unsigned short port,
                                                  bool tls, const net::Deadline& deadline) {
    return probe(host, port, tls, deadline, ProbeRequest{});
}

ConnectionPool::ProbeAnswer ConnectionPool::probe(const std::string& host, unsigned short port,
                                                  bool tls, const net::Deadline& deadline,
                                                  const ProbeRequest& request) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (tls) {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPSClientSession>>(
            host, port, context(host, false));
    } else {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPClientSession>>(host, port);
    }
    auto watch = net::bindToDeadline(*session, deadline, timeout_);
    try {
        Poco::Net::HTTPRequest out(request.method, request.target,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [name, value] : request.headers) out.set(name, value);
        session->sendRequest(out);
        Poco::Net::HTTPResponse response;
        std::istream& body = session->receiveResponse(response);
        ProbeAnswer answer;
        answer.connected = answer.http = true;
        answer.status = static_cast<int>(response.getStatus());
        answer.reason = response.getReason();
        for (const auto& [name, value] : response) answer.headers.add(name, value);
        answer.complete =
            readBounded(body, request.maxBody, answer.body) &&
            (!response.hasContentLength() || request.method == "HEAD" ||
             static_cast<std::uint64_t>(response.getContentLength64()) == answer.body.size());
        return answer;
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return {};
    } catch (const Poco::Net::HostNotFoundException&) {
        return {};
    } catch (const Poco::TimeoutException&) {
        return {};
    } catch (const Poco::Exception&) {
        ProbeAnswer notHttp;  // connected, but the answer was not HTTP
        notHttp.connected = true;
        return notHttp;
    }
}

}  // namespace signet::oci
