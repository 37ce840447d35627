// HttpTransport: one HTTP exchange with pooled connections, bounded bodies, redirects and retries.
#pragma once

#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "net/Deadline.h"
#include "oci/ConnectionPool.h"
#include "oci/RetryPolicy.h"

namespace signet::oci {

struct HttpResponse;

struct HttpRequest {
    std::string method = "GET";
    Poco::URI uri;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool followRedirects = false;  // GET/HEAD: follow 301/302/303/307/308 (auth only same host)
    // Every attempt, wait and socket operation ends by it (Error Timeout after it).
    net::Deadline deadline;
    // False for a request whose repetition could do harm once the first one may have landed
    // (an upload PUT, a manifest PUT): it is sent once, and the caller checks before repeating.
    bool idempotent = true;
    std::atomic<int>* retryCount = nullptr;  // when set, counts this request's retries too
    // The answer the first attempt already got (a first contact that was its own probe): it
    // counts as attempt 1 and is not sent again unless it is retried.
    std::shared_ptr<const HttpResponse> firstAnswer;
};

struct HttpResponse {
    int status = 0;
    std::string reason;
    Poco::Net::NameValueCollection headers;  // case-insensitive names, repeated names kept
    std::string body;
    Poco::URI finalUri;  // after redirects

    std::string header(const std::string& name) const { return headers.get(name, ""); }
    std::vector<std::string> headerValues(const std::string& name) const;
};

// Receives a successful (2xx) body as it arrives; valid only during the call.
using BodyConsumer = std::function<void(const HttpResponse& head, std::istream& body)>;

// Told about each retry with a one-line description, e.g.
// "retrying GET https://r.io/v2/x/manifests/v1: 503 (attempt 2/4)".
using RetryHook = std::function<void(const std::string& line)>;

class HttpTransport {
  public:
    // `plainHttpHosts`: hosts that may also be spoken to in plain HTTP, with verified TLS.
    HttpTransport(ConnectionPool& pool, RetryPolicy policy, std::string userAgent,
                  std::set<std::string> insecureHosts, std::set<std::string> plainHttpHosts = {});

    // Sends with retries (429 honouring Retry-After, 5xx, 408, resets, refusals, timeouts,
    // bodies shorter than their Content-Length; never other 4xx) and returns the last response,
    // whatever its status. Bodies bigger than `maxBody` throw Error(TooLarge). Exhausted network
    // failures throw Error(Network); the request's deadline passing throws Error(Timeout). A
    // request that is not idempotent gets one attempt.
    HttpResponse send(const HttpRequest& request, std::size_t maxBody);

    // Like send(), but a 2xx body goes to `consumer` instead of memory (no retry once it
    // started). Non-2xx responses come back with their (bounded) body.
    HttpResponse stream(const HttpRequest& request, const BodyConsumer& consumer);

    // True when the URI's host:port (or the bare host) is in the insecure set: such a host may be
    // spoken to over plain HTTP or unverified TLS.
    bool isInsecureHost(const Poco::URI& uri) const;
    // True for an insecure host and for one allowed plain HTTP only.
    bool allowsPlainHttp(const Poco::URI& uri) const;

    void setRetryHook(RetryHook hook);
    // Tells the hook (and the request's counter) that `request` is tried again, as attempt
    // `attempt`, because of `why`; for callers that run their own RetryLoop too.
    void announceRetry(const HttpRequest& request, const std::string& why, int attempt);
    const RetryPolicy& policy() const { return policy_; }
    int attempts() const { return attempts_.load(); }  // requests sent, retries included
    int retries() const { return retries_.load(); }

  private:
    HttpResponse withRetries(const HttpRequest& request, std::size_t maxBody,
                             const BodyConsumer* consumer);
    HttpResponse followingRedirects(const HttpRequest& request, std::size_t maxBody,
                                    const BodyConsumer* consumer);
    HttpResponse exchange(const HttpRequest& request, std::size_t maxBody,
                          const BodyConsumer* consumer);
    HttpResponse exchangeOnce(ConnectionPool::Lease& lease, const HttpRequest& request,
                              std::size_t maxBody, const BodyConsumer* consumer, bool& answered);
    bool verifies(const Poco::URI& uri) const;

    ConnectionPool& pool_;
    RetryPolicy policy_;
    std::string userAgent_;
    std::set<std::string> insecureHosts_;
    std::set<std::string> plainHttpHosts_;
    std::mutex mutex_;  // guards hook_
    RetryHook hook_;
    std::atomic<int> attempts_{0};
    std::atomic<int> retries_{0};
};

// "https://host/path" without the query, for messages (queries can carry upload state).
std::string describeUri(const Poco::URI& uri);

}  // namespace signet::oci
