// FaultProxy: a plain-HTTP/1.1 proxy on 127.0.0.1 in front of a registry that injects seeded
// faults (5xx, 429, resets, truncated bodies, delays) into a share of the requests it forwards.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace signet::testing {

class LoopbackServer;
struct HttpMessage;

enum class FaultKind {
    None,                   // forwarded untouched (only in the log)
    Status500,              // answered 500 by the proxy; the registry never sees the request
    Status502,              // answered 502 by the proxy, not forwarded
    Status503,              // answered 503 by the proxy, not forwarded
    Status503AfterForward,  // forwarded, the registry's answer dropped, 503 sent instead
    Status429,              // answered 429 with "Retry-After: 1", not forwarded
    ResetBeforeForward,     // the request read, then the connection reset (RST), not forwarded
    ResetAfterForward,      // forwarded, the answer read, then the connection reset, no answer
    TruncatedBody,          // the real status and headers, half the body, then close (FIN);
                            // an answer without a body gets ResetAfterForward's treatment
    Delay,                  // held `faultDelay`, then forwarded normally
};

std::string faultName(FaultKind kind);  // "none", "status500", ..., "truncated-body", "delay"
std::set<FaultKind> allFaultKinds();    // every kind but None

using RequestFilter = std::function<bool(const std::string& method, const std::string& path)>;

// Delays the requests it matches by a uniform [min, max] on top of any fault.
struct DelayRule {
    enum class When {
        BeforeForwarding,  // after the request arrived, before it goes upstream: the write lands
                           // late (and so does any answer the proxy makes itself)
        AfterForwarding,   // after the registry answered, before the answer goes to the client
    };
    RequestFilter matches{};  // method and path (the target without its query)
    std::chrono::milliseconds min{0};
    std::chrono::milliseconds max{0};
    When when = When::BeforeForwarding;
};

struct FaultProxyOptions {
    std::string upstream{};   // "127.0.0.1:PORT" of the registry (plain HTTP)
    std::uint32_t seed = 1;   // std::mt19937; draws happen in request order
    double faultShare = 0.0;  // chance that a request the filter accepts is faulted
    std::set<FaultKind> faults = allFaultKinds();  // a faulted request gets one of these, uniformly
    RequestFilter filter{};  // which requests may be faulted; empty: all of them
    std::vector<DelayRule> delays{};
    std::chrono::milliseconds faultDelay{2000};  // FaultKind::Delay's hold
    // An unfaulted request it returns a whole HTTP/1.1 response for is answered with that, not
    // forwarded (a registry API the registry lacks); empty: every request is forwarded.
    std::function<std::optional<std::string>(const HttpMessage& request)> respond{};
    // Told of each request the registry answered, with that answer (whatever the client gets),
    // which it may change (a header the registry does not send).
    std::function<void(const HttpMessage& request, HttpMessage& response)> observe{};
};

struct ProxiedRequest {
    std::string method;
    std::string path;  // the request target without its query
    FaultKind fault = FaultKind::None;
};

// Forwards every request verbatim (the client's Host header included, so the registry's absolute
// Location headers point back at the proxy) over one kept-alive upstream connection per client
// connection, and every answer verbatim unless a fault says otherwise. A thread per client.
class FaultProxy {
  public:
    explicit FaultProxy(FaultProxyOptions options);
    ~FaultProxy();  // shuts every socket down and joins every thread, without waiting on delays
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    std::string host() const;  // "127.0.0.1:PORT"
    int requestsSeen() const;
    int faultsInjected(FaultKind kind) const;
    int faultsInjected() const;               // all kinds
    std::vector<ProxiedRequest> log() const;  // in the order the requests arrived
    int clientConnections() const;            // connections clients opened to the proxy
    int upstreamConnections() const;          // connections the proxy opened to the registry

    struct State;  // shared with the connection threads

  private:
    std::shared_ptr<State> state_;
    std::unique_ptr<LoopbackServer> server_;  // destroyed first: its threads use state_
};

}  // namespace signet::testing
