#include "harness/FaultProxy.h"

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <stdexcept>

#include "harness/LoopbackServer.h"
#include "harness/RawHttp.h"

namespace signet::testing {

using std::chrono::milliseconds;

namespace {

// What the proxy does to one request: a fault (or none) and the delay rules' waits.
struct Plan {
    FaultKind fault = FaultKind::None;
    milliseconds before{0};
    milliseconds after{0};
};

std::string reasonPhrase(int status) {
    switch (status) {
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        default:
            return "Service Unavailable";
    }
}

std::string errorCode(int status) {
    if (status == 429) return "TOOMANYREQUESTS";
    return status == 503 ? "UNAVAILABLE" : "UNKNOWN";
}

// An answer the proxy makes itself, in the registry's {"errors":[...]} format, kept alive.
std::string ownAnswer(int status, const std::string& method, const std::string& message) {
    const nlohmann::json error = {
        {"errors", {{{"code", errorCode(status)}, {"message", "FaultProxy: " + message}}}}};
    const std::string body = error.dump();
    std::string head =
        "HTTP/1.1 " + std::to_string(status) + " " + reasonPhrase(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n";
    if (status == 429) head += "Retry-After: 1\r\n";
    return head + "\r\n" + (method == "HEAD" ? "" : body);
}

int ownStatus(FaultKind kind) {
    switch (kind) {
        case FaultKind::Status500:
            return 500;
        case FaultKind::Status502:
            return 502;
        case FaultKind::Status429:
            return 429;
        default:
            return 503;
    }
}

bool closesAfter(const HttpMessage& message) {
    if (message.head.hasToken("Connection", "close") || message.untilClose) return true;
    const bool http10 = message.head.startLine.find("HTTP/1.0") != std::string::npos;
    return http10 && !message.head.hasToken("Connection", "keep-alive");
}

}  // namespace

std::string faultName(FaultKind kind) {
    switch (kind) {
        case FaultKind::None:
            return "none";
        case FaultKind::Status500:
            return "status500";
        case FaultKind::Status502:
            return "status502";
        case FaultKind::Status503:
            return "status503";
        case FaultKind::Status503AfterForward:
            return "status503-after-forward";
        case FaultKind::Status429:
            return "status429";
        case FaultKind::ResetBeforeForward:
            return "reset-before-forward";
        case FaultKind::ResetAfterForward:
            return "reset-after-forward";
        case FaultKind::TruncatedBody:
            return "truncated-body";
        case FaultKind::Delay:
            return "delay";
    }
    return "unknown";
}

std::set<FaultKind> allFaultKinds() {
    return {FaultKind::Status500,
            FaultKind::Status502,
            FaultKind::Status503,
            FaultKind::Status503AfterForward,
            FaultKind::Status429,
            FaultKind::ResetBeforeForward,
            FaultKind::ResetAfterForward,
            FaultKind::TruncatedBody,
            FaultKind::Delay};
}

struct FaultProxy::State {
    FaultProxyOptions options;
    std::vector<FaultKind> kinds;  // the enabled ones, in enum order
    mutable std::mutex mutex;
    std::mt19937 random;
    std::vector<ProxiedRequest> log;
    std::map<FaultKind, int> injected;
    std::atomic<int> upstreamConnections = 0;

    explicit State(FaultProxyOptions o) : options(std::move(o)), random(options.seed) {
        for (FaultKind kind : options.faults) {
            if (kind != FaultKind::None) kinds.push_back(kind);
        }
    }

    Plan plan(const HttpMessage& request) {
        const std::string method = request.method();
        const std::string path = request.path();
        std::lock_guard lock(mutex);
        Plan chosen;
        chosen.fault = drawFault(method, path);
        for (const auto& rule : options.delays) {
            if (!rule.matches || !rule.matches(method, path)) continue;
            auto& wait =
                rule.when == DelayRule::When::BeforeForwarding ? chosen.before : chosen.after;
            wait += milliseconds(std::uniform_int_distribution<milliseconds::rep>(
                rule.min.count(), std::max(rule.min, rule.max).count())(random));
        }
        log.push_back({method, path, chosen.fault});
        if (chosen.fault != FaultKind::None) ++injected[chosen.fault];
        return chosen;
    }

    FaultKind drawFault(const std::string& method, const std::string& path) {
        if (options.filter && !options.filter(method, path)) return FaultKind::None;
        if (kinds.empty()) return FaultKind::None;
        if (std::uniform_real_distribution<double>(0.0, 1.0)(random) >= options.faultShare) {
            return FaultKind::None;
        }
        return kinds[std::uniform_int_distribution<std::size_t>(0, kinds.size() - 1)(random)];
    }
};

namespace {

// One client connection and the upstream connection it keeps alive.
class Connection {
  public:
    Connection(FaultProxy::State& state, LoopbackServer& server, TcpSocket& client)
        : state_(state), server_(server), client_(client), reader_(client) {}
    ~Connection() { dropUpstream(); }

    void run() {
        while (serveOne()) {
        }
    }

  private:
    bool serveOne() {
        auto request = readRequest();
        if (!request) return false;
        const Plan plan = state_.plan(*request);
        if (!server_.sleepFor(plan.before)) return false;
        const bool alive = act(*request, plan);
        return alive && !closesAfter(*request) && !server_.stopping();
    }

    std::optional<HttpMessage> readRequest() {
        auto head = reader_.readHead();
        if (!head) return std::nullopt;
        // Answered here: the request goes upstream only once its body arrived.
        if (head->hasToken("Expect", "100-continue")) {
            client_.sendAll("HTTP/1.1 100 Continue\r\n\r\n");
        }
        HttpMessage request;
        request.body = reader_.readRequestBody(*head);
        request.head = std::move(*head);
        return request;
    }

    // Whether the client connection stays open.
    bool act(const HttpMessage& request, const Plan& plan) {
        switch (plan.fault) {
            case FaultKind::None:
                if (state_.options.respond) {
                    if (auto own = state_.options.respond(request)) {
                        if (!server_.sleepFor(plan.after)) return false;
                        client_.sendAll(*own);
                        return true;
                    }
                }
                return relay(request, plan);
            case FaultKind::Delay:
                return server_.sleepFor(state_.options.faultDelay) && relay(request, plan);
            case FaultKind::Status503AfterForward:
                return forward(request) && answerOwn(request, plan);
            case FaultKind::ResetBeforeForward:
                return reset(plan);
            case FaultKind::ResetAfterForward:
                return forward(request) && reset(plan);
            case FaultKind::TruncatedBody:
                return truncate(request, plan);
            default:
                return answerOwn(request, plan);
        }
    }

    bool relay(const HttpMessage& request, const Plan& plan) {
        const auto response = forward(request);
        if (!response || !server_.sleepFor(plan.after)) return false;
        client_.sendAll(response->raw());
        return !closesAfter(*response);
    }

    bool answerOwn(const HttpMessage& request, const Plan& plan) {
        if (!server_.sleepFor(plan.after)) return false;
        const int status = ownStatus(plan.fault);
        client_.sendAll(ownAnswer(status, request.method(), "injected " + faultName(plan.fault)));
        return true;
    }

    bool reset(const Plan& plan) {
        server_.sleepFor(plan.after);
        client_.reset();
        return false;
    }

    bool truncate(const HttpMessage& request, const Plan& plan) {
        const auto response = forward(request);
        if (!response) return false;
        if (response->body.empty()) return reset(plan);
        if (!server_.sleepFor(plan.after)) return false;
        client_.sendAll(response->head.raw + response->body.substr(0, response->body.size() / 2));
        client_.close();
        return false;
    }

    // The registry's answer; nullopt (after answering 502 itself) when it could not be reached.
    std::optional<HttpMessage> forward(const HttpMessage& request) {
        std::string failure;
        if (auto response = exchange(request, failure); response) {
            if (state_.options.observe) state_.options.observe(request, *response);
            return response;
        }
        client_.sendAll(ownAnswer(502, request.method(), "registry unreachable: " + failure));
        return std::nullopt;
    }

    // A kept-alive connection the registry closed meanwhile is retried once on a new one.
    std::optional<HttpMessage> exchange(const HttpMessage& request, std::string& failure) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            const bool reused = upstream_ != nullptr;
            const std::size_t before = reused ? upstreamReader_->bytesReceived() : 0;
            try {
                if (auto response = exchangeOnce(request)) return response;
                failure = "the registry closed the connection without answering";
            } catch (const std::exception& error) {
                failure = error.what();
            }
            const bool nothingBack = upstreamReader_ && upstreamReader_->bytesReceived() == before;
            dropUpstream();
            if (!reused || !nothingBack) break;
        }
        return std::nullopt;
    }

    std::optional<HttpMessage> exchangeOnce(const HttpMessage& request) {
        if (!upstream_) openUpstream();
        upstream_->sendAll(request.raw());
        auto response = upstreamReader_->readResponse(request.method());
        if (response && closesAfter(*response)) dropUpstream();
        return response;
    }

    void openUpstream() {
        upstream_ = connectTcp(state_.options.upstream);
        server_.track(upstream_);
        upstreamReader_ = std::make_unique<HttpReader>(*upstream_);
        ++state_.upstreamConnections;
    }

    void dropUpstream() {
        upstreamReader_.reset();
        if (upstream_) upstream_->close();
        upstream_.reset();
    }

    FaultProxy::State& state_;
    LoopbackServer& server_;
    TcpSocket& client_;
    HttpReader reader_;
    std::shared_ptr<TcpSocket> upstream_;
    std::unique_ptr<HttpReader> upstreamReader_;
};

}  // namespace

FaultProxy::FaultProxy(FaultProxyOptions options)
    : state_(std::make_shared<State>(std::move(options))) {
    server_ = std::make_unique<LoopbackServer>(
        [state = state_](LoopbackServer& server, TcpSocket& client) {
            Connection(*state, server, client).run();
        });
}

FaultProxy::~FaultProxy() = default;

std::string FaultProxy::host() const {
    return server_->host();
}

int FaultProxy::requestsSeen() const {
    std::lock_guard lock(state_->mutex);
    return static_cast<int>(state_->log.size());
}

int FaultProxy::faultsInjected(FaultKind kind) const {
    std::lock_guard lock(state_->mutex);
    const auto found = state_->injected.find(kind);
    return found == state_->injected.end() ? 0 : found->second;
}

int FaultProxy::faultsInjected() const {
    std::lock_guard lock(state_->mutex);
    int total = 0;
    for (const auto& [kind, count] : state_->injected) total += count;
    return total;
}

std::vector<ProxiedRequest> FaultProxy::log() const {
    std::lock_guard lock(state_->mutex);
    return state_->log;
}

int FaultProxy::clientConnections() const {
    return server_->connectionsAccepted();
}

int FaultProxy::upstreamConnections() const {
    return state_->upstreamConnections;
}

}  // namespace signet::testing
