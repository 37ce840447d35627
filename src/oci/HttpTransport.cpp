#include "oci/HttpTransport.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include <iostream>

#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "net/VerifiedTls.h"
#include "oci/BoundedBody.h"
#include "oci/RetryLoop.h"

namespace signet::oci {
namespace {

constexpr int kMaxRedirects = 5;
constexpr std::size_t kMaxErrorBody = 64 * 1024;  // non-2xx bodies: kept for the message only

bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

std::vector<std::string> HttpResponse::headerValues(const std::string& name) const {
    std::vector<std::string> values;
    for (auto it = headers.find(name); it != headers.end(); ++it) {
        if (Poco::icompare(it->first, name) != 0) break;
        values.push_back(it->second);
    }
    return values;
}

std::string describeUri(const Poco::URI& uri) {
    return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
}

HttpTransport::HttpTransport(ConnectionPool& pool, RetryPolicy policy, std::string userAgent,
                             std::set<std::string> insecureHosts,
                             std::set<std::string> plainHttpHosts)
    : pool_(pool),
      policy_(policy),
      userAgent_(std::move(userAgent)),
      insecureHosts_(std::move(insecureHosts)),
      plainHttpHosts_(std::move(plainHttpHosts)),
      hook_([](const std::string& line) { std::cerr << line << std::endl; }) {}

void HttpTransport::setRetryHook(RetryHook hook) {
    std::lock_guard<std::mutex> lock(mutex_);
    hook_ = std::move(hook);
}

bool HttpTransport::isInsecureHost(const Poco::URI& uri) const {
    std::string authority = uri.getHost() + ":" + std::to_string(uri.getPort());
    return insecureHosts_.count(authority) != 0 || insecureHosts_.count(uri.getHost()) != 0;
}

bool HttpTransport::allowsPlainHttp(const Poco::URI& uri) const {
    std::string authority = uri.getHost() + ":" + std::to_string(uri.getPort());
    return isInsecureHost(uri) || plainHttpHosts_.count(authority) != 0 ||
           plainHttpHosts_.count(uri.getHost()) != 0;
}

bool HttpTransport::verifies(const Poco::URI& uri) const {
    return !isInsecureHost(uri);
}

HttpResponse HttpTransport::send(const HttpRequest& request, std::size_t maxBody) {
    return withRetries(request, maxBody, nullptr);
}

HttpResponse HttpTransport::stream(const HttpRequest& request, const BodyConsumer& consumer) {
    return withRetries(request, 1 << 20, &consumer);
}

void HttpTransport::announceRetry(const HttpRequest& request, const std::string& why, int attempt) {
    retries_++;
    if (request.retryCount) (*request.retryCount)++;
    std::string line = "retrying " + request.method + " " + describeUri(request.uri) + ": " + why +
                       " (attempt " + std::to_string(attempt) + "/" +
                       std::to_string(policy_.maxRetries + 1) + ")";
    RetryHook hook;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        hook = hook_;
    }
    if (hook) hook(line);
}

HttpResponse HttpTransport::withRetries(const HttpRequest& request, std::size_t maxBody,
                                        const BodyConsumer* consumer) {
    RetryPolicy policy = policy_;
    if (!request.idempotent) policy.maxRetries = 0;
    RetryLoop loop(policy, request.deadline);
    const std::string what = request.method + " " + describeUri(request.uri);
    while (true) {
        if (request.deadline.passed()) throw net::deadlinePassed(request.deadline, what);
        attempts_++;
        bool started = false;
        BodyConsumer tracked = [&](const HttpResponse& head, std::istream& body) {
            started = true;
            (*consumer)(head, body);
        };
        std::string why;
        std::optional<std::chrono::milliseconds> wait;
        try {
            HttpResponse response =
                loop.attempt() == 1 && request.firstAnswer
                    ? *request.firstAnswer
                    : followingRedirects(request, maxBody, consumer ? &tracked : nullptr);
            if (!isRetryableStatus(response.status) || loop.last()) return response;
            why = std::to_string(response.status);
            wait = parseRetryAfter(response.header("Retry-After"), std::chrono::system_clock::now(),
                                   policy_.maxRetryAfter);
        } catch (const Poco::Net::SSLException& e) {
            if (request.deadline.passed()) throw net::deadlinePassed(request.deadline, what);
            if (net::isPermanentTlsFailure(e) || started || loop.last()) {
                throw Error(
                    ErrorKind::Network,
                    what + ": " +
                        net::describeTlsFailure(request.uri.getHost(), request.uri.getPort(), e,
                                                "for a private CA give its PEM bundle with " +
                                                    spellSetting("registry.ca_file")));
            }
            why = e.displayText();
        } catch (const Poco::Exception& e) {
            if (request.deadline.passed()) throw net::deadlinePassed(request.deadline, what);
            if (started || loop.last()) {
                std::string tries = loop.attempt() > 1
                                        ? " (after " + std::to_string(loop.attempt()) + " attempts)"
                                        : "";
                throw Error(ErrorKind::Network, what + ": " + e.displayText() + tries);
            }
            why = e.displayText();
        }
        announceRetry(request, why, loop.attempt() + 1);
        loop.next(wait, what);
    }
}

HttpResponse HttpTransport::followingRedirects(const HttpRequest& request, std::size_t maxBody,
                                               const BodyConsumer* consumer) {
    HttpRequest current = request;
    for (int hop = 0; hop <= kMaxRedirects; ++hop) {
        HttpResponse response = exchange(current, maxBody, consumer);
        std::string location = response.header("Location");
        if (!current.followRedirects || !isRedirect(response.status) || location.empty())
            return response;
        Poco::URI next(current.uri, location);
        if (next.getHost() != current.uri.getHost() || next.getPort() != current.uri.getPort()) {
            // Credentials are for the registry only, never for the storage it redirects to.
            std::erase_if(current.headers, [](const auto& header) {
                return Poco::icompare(header.first, "Authorization") == 0;
            });
        }
        if (response.status == 303) current.method = "GET";
        current.uri = next;
    }
    throw Error(ErrorKind::Registry, request.method + " " + describeUri(request.uri) +
                                         ": more than " + std::to_string(kMaxRedirects) +
                                         " redirects");
}

HttpResponse HttpTransport::exchange(const HttpRequest& request, std::size_t maxBody,
                                     const BodyConsumer* consumer) {
    while (true) {
        ConnectionPool::Lease lease = pool_.checkout(request.uri, verifies(request.uri));
        // From here on the deadline ends the exchange whatever the peer sends (or does not).
        auto watch = lease.bindTo(request.deadline);
        bool reused = lease.reused();
        bool answered = false;
        try {
            return exchangeOnce(lease, request, maxBody, consumer, answered);
        } catch (const Poco::Exception&) {
            // A kept-alive connection the server has closed meanwhile: try a fresh one at once
            // (unless the request may have landed and must not be repeated blindly).
            if (!reused || answered || !request.idempotent || request.deadline.passed()) throw;
        }
    }
}

HttpResponse HttpTransport::exchangeOnce(ConnectionPool::Lease& lease, const HttpRequest& request,
                                         std::size_t maxBody, const BodyConsumer* consumer,
                                         bool& answered) {
    Poco::Net::HTTPClientSession& session = lease.session();
    std::string target = request.uri.getPathEtc();
    if (target.empty()) target = "/";
    Poco::Net::HTTPRequest out(request.method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    out.set("User-Agent", userAgent_);
    for (const auto& [name, value] : request.headers) out.set(name, value);
    if (!request.body.empty() || request.method == "PUT" || request.method == "POST" ||
        request.method == "PATCH") {
        out.setContentLength(static_cast<std::streamsize>(request.body.size()));
    }
    out.setKeepAlive(true);
    std::ostream& body = session.sendRequest(out);
    body.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));

    Poco::Net::HTTPResponse in;
    std::istream& received = session.receiveResponse(in);
    answered = true;
    HttpResponse response;
    response.status = static_cast<int>(in.getStatus());
    response.reason = in.getReason();
    for (const auto& [name, value] : in) response.headers.add(name, value);
    response.finalUri = request.uri;
    const std::string what = request.method + " " + describeUri(request.uri);
    if (consumer && response.status / 100 == 2 && request.method != "HEAD") {
        (*consumer)(response, received);
        Poco::NullOutputStream sink;
        Poco::StreamCopier::copyStream(received, sink);
    } else if (response.status / 100 == 2) {
        if (!readBounded(received, maxBody, response.body)) {
            throw Error(ErrorKind::TooLarge, what + ": response body is larger than " +
                                                 std::to_string(maxBody) + " bytes");
        }
        if (request.method != "HEAD" && in.hasContentLength() &&
            static_cast<std::uint64_t>(in.getContentLength64()) != response.body.size()) {
            // The connection ended early: a transport fault, retried like one.
            throw Poco::Net::MessageException("the body ended after " +
                                              std::to_string(response.body.size()) + " of " +
                                              std::to_string(in.getContentLength64()) + " bytes");
        }
    } else if (!readBounded(received, kMaxErrorBody, response.body)) {
        return response;  // truncated for the message; the connection is not reused
    }
    if (in.getKeepAlive()) lease.release();
    return response;
}

}  // namespace signet::oci
