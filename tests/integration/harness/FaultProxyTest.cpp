// FaultProxy in front of the real docker-registry, and the SilentServer/TricklingServer stand-ins,
// driven with Poco's HTTP client (and skopeo): each fault is what a client observes, and only it.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "crypto/Encoding.h"
#include "harness/FaultProxy.h"
#include "harness/SilentServer.h"
#include "harness/TcpSocket.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "harness/TricklingServer.h"

namespace signet::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using Poco::Net::HTTPClientSession;

const std::string kOciManifest = "application/vnd.oci.image.manifest.v1+json";

std::unique_ptr<HTTPClientSession> sessionTo(const std::string& host,
                                             Poco::Timespan timeout = Poco::Timespan(8, 0)) {
    const auto colon = host.rfind(':');
    auto session = std::make_unique<HTTPClientSession>(
        host.substr(0, colon), static_cast<Poco::UInt16>(std::stoi(host.substr(colon + 1))));
    session->setKeepAlive(true);
    session->setTimeout(timeout);
    return session;
}

struct Answer {
    int status = 0;
    Poco::Net::HTTPResponse response;
    std::string body;
};

void call(HTTPClientSession& session, Answer& answer, const std::string& method,
          const std::string& uri, const std::string& body = "", const std::string& type = "") {
    Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", kOciManifest);
    if (!type.empty()) request.setContentType(type);
    if (method == "PUT" || method == "PATCH" || method == "POST") {
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    std::istream& in = session.receiveResponse(answer.response);
    Poco::StreamCopier::copyToString(in, answer.body);
    answer.status = answer.response.getStatus();
}

// "/v2/...?..." of an absolute or relative Location.
std::string pathOf(const std::string& location) {
    if (location.rfind("http://", 0) != 0) return location;
    return location.substr(location.find('/', std::string("http://").size()));
}

// An upload in three requests (POST, PATCH with the bytes, PUT ?digest=); returns the POST's
// Location.
std::string pushBlob(HTTPClientSession& session, const std::string& repository,
                     const std::string& content) {
    Answer started, patched, finished;
    call(session, started, "POST", "/v2/" + repository + "/blobs/uploads/");
    EXPECT_EQ(started.status, 202) << started.body;
    const std::string location = started.response.get("Location", "");
    call(session, patched, "PATCH", pathOf(location), content, "application/octet-stream");
    EXPECT_EQ(patched.status, 202) << patched.body;
    const std::string next = pathOf(patched.response.get("Location", ""));
    const char separator = next.find('?') == std::string::npos ? '?' : '&';
    call(session, finished, "PUT", next + separator + "digest=" + crypto::sha256Digest(content));
    EXPECT_EQ(finished.status, 201) << finished.body;
    return location;
}

nlohmann::json descriptor(const std::string& mediaType, const std::string& content) {
    return {{"mediaType", mediaType},
            {"digest", crypto::sha256Digest(content)},
            {"size", content.size()}};
}

const std::string kConfig = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers"}})";
const std::string kLayer = "not really a tar, the registry does not look";

std::string manifestJson() {
    return nlohmann::json{
        {"schemaVersion", 2},
        {"mediaType", kOciManifest},
        {"config", descriptor("application/vnd.oci.image.config.v1+json", kConfig)},
        {"layers", {descriptor("application/vnd.oci.image.layer.v1.tar", kLayer)}}}
        .dump();
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

class FaultProxyTest : public ::testing::Test {
  protected:
    // The blobs the manifest names, uploaded straight to the registry.
    void pushBlobsDirectly() {
        auto direct = sessionTo(registry_.host());
        pushBlob(*direct, "team/app", kConfig);
        pushBlob(*direct, "team/app", kLayer);
    }
    // GET of the manifest straight from the registry: 200 once a PUT reached it, else 404.
    int manifestStatusAtRegistry() {
        Answer answer;
        call(*sessionTo(registry_.host()), answer, "GET", "/v2/team/app/manifests/v1");
        return answer.status;
    }
    void putManifestDirectly() {
        Answer answer;
        call(*sessionTo(registry_.host()), answer, "PUT", "/v2/team/app/manifests/v1",
             manifestJson(), kOciManifest);
        ASSERT_EQ(answer.status, 201) << answer.body;
    }
    FaultProxyOptions options(double share, std::set<FaultKind> kinds = allFaultKinds()) {
        FaultProxyOptions o;
        o.upstream = registry_.host();
        o.faultShare = share;
        o.faults = std::move(kinds);
        return o;
    }

    TestRegistry registry_;
};

TEST_F(FaultProxyTest, ForwardsBlobUploadsAndManifestsUnchangedOverKeptAliveConnections) {
    FaultProxy proxy(options(0.0));
    auto session = sessionTo(proxy.host());
    // docker-registry builds absolute Locations from the Host it was sent: the proxy's.
    const std::string location = pushBlob(*session, "team/app", kConfig);
    EXPECT_EQ(location.rfind("http://" + proxy.host() + "/v2/team/app/blobs/uploads/", 0), 0u)
        << location;
    pushBlob(*session, "team/app", kLayer);

    Answer put, get, head;
    call(*session, put, "PUT", "/v2/team/app/manifests/v1", manifestJson(), kOciManifest);
    EXPECT_EQ(put.status, 201) << put.body;
    EXPECT_EQ(put.response.get("Docker-Content-Digest", ""), crypto::sha256Digest(manifestJson()));
    EXPECT_EQ(put.response.get("Location", "").rfind("http://" + proxy.host() + "/v2/", 0), 0u);
    call(*session, get, "GET", "/v2/team/app/manifests/v1");
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.body, manifestJson());
    call(*session, head, "HEAD", "/v2/team/app/blobs/" + crypto::sha256Digest(kLayer));
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.response.getContentLength(), static_cast<std::streamsize>(kLayer.size()));
    EXPECT_EQ(manifestStatusAtRegistry(), 200);

    EXPECT_EQ(proxy.requestsSeen(), 9);  // 2 × (POST, PATCH, PUT), PUT, GET, HEAD
    EXPECT_EQ(proxy.faultsInjected(), 0);
    for (const auto& request : proxy.log()) EXPECT_EQ(request.fault, FaultKind::None);
    EXPECT_EQ(proxy.log()[1].method, "PATCH");
    EXPECT_EQ(proxy.log()[1].path.find('?'), std::string::npos) << "the query is not logged";
    EXPECT_EQ(proxy.clientConnections(), 1);
    EXPECT_EQ(proxy.upstreamConnections(), 1);
}

TEST_F(FaultProxyTest, ForwardsChunkedRequestBodies) {
    FaultProxy proxy(options(0.0));
    auto session = sessionTo(proxy.host());
    Answer started, patched, finished;
    call(*session, started, "POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(started.status, 202);
    Poco::Net::HTTPRequest patch("PATCH", pathOf(started.response.get("Location")),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
    patch.setChunkedTransferEncoding(true);
    session->sendRequest(patch) << kLayer.substr(0, 10) << std::flush << kLayer.substr(10);
    std::istream& in = session->receiveResponse(patched.response);
    Poco::StreamCopier::copyToString(in, patched.body);
    ASSERT_EQ(patched.response.getStatus(), 202) << patched.body;
    call(*session, finished, "PUT",
         pathOf(patched.response.get("Location")) + "&digest=" + crypto::sha256Digest(kLayer));
    EXPECT_EQ(finished.status, 201) << finished.body;
    EXPECT_EQ(proxy.upstreamConnections(), 1);
}

TEST_F(FaultProxyTest, SkopeoCopiesAnImageThroughIt) {
    TestRegistry source;
    PushedImage image = pushSmallImage(source, "team/app", "v1", "through the proxy");
    FaultProxy proxy(options(0.0));
    CommandResult copied = runCommandForResult(
        {"skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
         "docker://" + image.repository + ":v1", "docker://" + proxy.host() + "/copied/app:v1"});
    ASSERT_EQ(copied.exitCode, 0) << copied.err;
    EXPECT_EQ(crypto::sha256Digest(fetchRawManifest(registry_, "copied/app:v1")), image.digest);
    EXPECT_GE(proxy.requestsSeen(), 5);
    EXPECT_EQ(proxy.faultsInjected(), 0);
}

// One fault kind at share 1.0 on a manifest PUT: what the client sees, and whether the registry
// stored the manifest anyway.
struct SingleFault {
    FaultKind kind;
    int status;  // 0: the connection is reset, no answer
    bool forwarded;
};

class FaultProxySingleFault : public FaultProxyTest,
                              public ::testing::WithParamInterface<SingleFault> {};

TEST_P(FaultProxySingleFault, ClientSeesExactlyThatFault) {
    const SingleFault fault = GetParam();
    pushBlobsDirectly();
    FaultProxy proxy(options(1.0, {fault.kind}));
    auto session = sessionTo(proxy.host());
    Answer put;
    const auto start = Clock::now();
    if (fault.status == 0) {
        EXPECT_THROW(
            call(*session, put, "PUT", "/v2/team/app/manifests/v1", manifestJson(), kOciManifest),
            Poco::Net::ConnectionResetException);
    } else {
        call(*session, put, "PUT", "/v2/team/app/manifests/v1", manifestJson(), kOciManifest);
        EXPECT_EQ(put.status, fault.status) << put.body;
    }
    const double elapsed = secondsSince(start);
    EXPECT_EQ(manifestStatusAtRegistry(), fault.forwarded ? 200 : 404);
    if (fault.kind == FaultKind::Status429) {
        EXPECT_EQ(put.response.get("Retry-After", ""), "1");
    }
    EXPECT_GE(elapsed, fault.kind == FaultKind::Delay ? 2.0 : 0.0);
    EXPECT_LT(elapsed, fault.kind == FaultKind::Delay ? 3.5 : 1.5);
    ASSERT_EQ(proxy.log().size(), 1u);
    EXPECT_EQ(proxy.log()[0].fault, fault.kind);
    EXPECT_EQ(proxy.faultsInjected(fault.kind), 1);
    EXPECT_EQ(proxy.upstreamConnections(), fault.forwarded ? 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(
    FaultProxy, FaultProxySingleFault,
    ::testing::Values(SingleFault{FaultKind::Status500, 500, false},
                      SingleFault{FaultKind::Status502, 502, false},
                      SingleFault{FaultKind::Status503, 503, false},
                      SingleFault{FaultKind::Status503AfterForward, 503, true},
                      SingleFault{FaultKind::Status429, 429, false},
                      SingleFault{FaultKind::ResetBeforeForward, 0, false},
                      SingleFault{FaultKind::ResetAfterForward, 0, true},
                      // A 201 without a body cannot be cut: it is reset after forwarding.
                      SingleFault{FaultKind::TruncatedBody, 0, true},
                      SingleFault{FaultKind::Delay, 201, true}),
    [](const auto& info) {
        std::string name = faultName(info.param.kind);
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST_F(FaultProxyTest, TruncatedBodyKeepsTheStatusAndHeadersAndCutsTheBodyInHalf) {
    pushBlobsDirectly();
    putManifestDirectly();
    FaultProxy proxy(options(1.0, {FaultKind::TruncatedBody}));
    auto session = sessionTo(proxy.host());
    Answer get;
    call(*session, get, "GET", "/v2/team/app/manifests/v1");
    const std::string manifest = manifestJson();
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.response.getContentLength(), static_cast<std::streamsize>(manifest.size()));
    EXPECT_EQ(get.response.get("Docker-Content-Digest", ""), crypto::sha256Digest(manifest));
    EXPECT_EQ(get.body, manifest.substr(0, manifest.size() / 2));
}

TEST_F(FaultProxyTest, OwnAnswersKeepTheConnectionAlive) {
    FaultProxy proxy(options(1.0, {FaultKind::Status503, FaultKind::Status429}));
    auto session = sessionTo(proxy.host());
    for (int i = 0; i < 5; ++i) {
        Answer answer;
        call(*session, answer, "GET", "/v2/");
        EXPECT_TRUE(answer.status == 503 || answer.status == 429) << answer.status;
        EXPECT_NE(answer.body.find("FaultProxy"), std::string::npos) << answer.body;
    }
    EXPECT_EQ(proxy.clientConnections(), 1);
    EXPECT_EQ(proxy.upstreamConnections(), 0);
}

TEST_F(FaultProxyTest, TheFilterLimitsWhichRequestsAreFaulted) {
    pushBlobsDirectly();
    auto o = options(1.0, {FaultKind::Status503});
    o.filter = [](const std::string& method, const std::string&) { return method == "PUT"; };
    FaultProxy proxy(o);
    auto session = sessionTo(proxy.host());
    Answer ping, put;
    call(*session, ping, "GET", "/v2/");
    call(*session, put, "PUT", "/v2/team/app/manifests/v1", manifestJson(), kOciManifest);
    EXPECT_EQ(ping.status, 200);
    EXPECT_EQ(put.status, 503);
    ASSERT_EQ(proxy.log().size(), 2u);
    EXPECT_EQ(proxy.log()[0].fault, FaultKind::None);
    EXPECT_EQ(proxy.log()[1].fault, FaultKind::Status503);
}

std::vector<int> statusesThrough(FaultProxy& proxy, int count) {
    auto session = sessionTo(proxy.host());
    std::vector<int> statuses;
    for (int i = 0; i < count; ++i) {
        Answer answer;
        call(*session, answer, "GET", "/v2/");
        statuses.push_back(answer.status);
    }
    return statuses;
}

std::vector<FaultKind> faultsOf(const FaultProxy& proxy) {
    std::vector<FaultKind> faults;
    for (const auto& request : proxy.log()) faults.push_back(request.fault);
    return faults;
}

TEST_F(FaultProxyTest, TheSeedMakesTheFaultSequenceReproducible) {
    const std::set<FaultKind> kinds = {FaultKind::Status500, FaultKind::Status502,
                                       FaultKind::Status503, FaultKind::Status429};
    auto o = options(0.5, kinds);
    o.seed = 42;
    FaultProxy first(o), second(o);
    o.seed = 43;
    FaultProxy other(o);
    const std::vector<int> statuses = statusesThrough(first, 30);
    EXPECT_EQ(statusesThrough(second, 30), statuses);
    EXPECT_NE(statusesThrough(other, 30), statuses);
    EXPECT_EQ(faultsOf(first), faultsOf(second));
    EXPECT_GT(first.faultsInjected(), 5);
    EXPECT_LT(first.faultsInjected(), 25);
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        const FaultKind fault = first.log()[i].fault;
        const int expected = fault == FaultKind::None        ? 200
                             : fault == FaultKind::Status500 ? 500
                             : fault == FaultKind::Status502 ? 502
                             : fault == FaultKind::Status503 ? 503
                                                             : 429;
        EXPECT_EQ(statuses[i], expected) << i;
    }
}

TEST_F(FaultProxyTest, DelayRulesDelayOnlyTheRequestsTheyMatch) {
    pushBlobsDirectly();
    putManifestDirectly();
    auto o = options(0.0);
    o.delays.push_back({[](const std::string& method, const std::string& path) {
                            return method == "GET" && path.find("/manifests/") != std::string::npos;
                        },
                        800ms, 1000ms, DelayRule::When::AfterForwarding});
    FaultProxy proxy(o);
    auto session = sessionTo(proxy.host());
    Answer ping, manifest;
    auto start = Clock::now();
    call(*session, ping, "GET", "/v2/");
    EXPECT_LT(secondsSince(start), 0.5);
    start = Clock::now();
    call(*session, manifest, "GET", "/v2/team/app/manifests/v1");
    EXPECT_GE(secondsSince(start), 0.8);
    EXPECT_LT(secondsSince(start), 2.5);
    EXPECT_EQ(manifest.status, 200);
    EXPECT_EQ(proxy.faultsInjected(), 0);
}

class FaultProxyDelayWhen : public FaultProxyTest,
                            public ::testing::WithParamInterface<DelayRule::When> {};

// Before: the registry sees the write late. After: it stored the manifest, the answer is late.
TEST_P(FaultProxyDelayWhen, TheRegistrySeesTheWriteLateOrOnTime) {
    pushBlobsDirectly();
    auto o = options(0.0);
    o.delays.push_back(
        {[](const std::string& method, const std::string&) { return method == "PUT"; }, 2000ms,
         2000ms, GetParam()});
    FaultProxy proxy(o);
    auto put = std::async(std::launch::async, [&] {
        Answer answer;
        call(*sessionTo(proxy.host()), answer, "PUT", "/v2/team/app/manifests/v1", manifestJson(),
             kOciManifest);
        return answer.status;
    });
    std::this_thread::sleep_for(1000ms);
    const bool before = GetParam() == DelayRule::When::BeforeForwarding;
    EXPECT_EQ(manifestStatusAtRegistry(), before ? 404 : 200);
    EXPECT_EQ(put.wait_for(0s), std::future_status::timeout) << "the answer is still held";
    EXPECT_EQ(put.get(), 201);
    EXPECT_EQ(manifestStatusAtRegistry(), 200);
}

INSTANTIATE_TEST_SUITE_P(FaultProxy, FaultProxyDelayWhen,
                         ::testing::Values(DelayRule::When::BeforeForwarding,
                                           DelayRule::When::AfterForwarding),
                         [](const auto& info) {
                             return info.param == DelayRule::When::BeforeForwarding ? "Before"
                                                                                    : "After";
                         });

TEST_F(FaultProxyTest, ServesConcurrentClients) {
    FaultProxy proxy(options(0.0));
    std::vector<std::future<std::vector<int>>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(
            std::async(std::launch::async, [&] { return statusesThrough(proxy, 10); }));
    }
    for (auto& client : clients) EXPECT_EQ(client.get(), std::vector<int>(10, 200));
    EXPECT_EQ(proxy.requestsSeen(), 40);
    EXPECT_EQ(proxy.clientConnections(), 4);
    EXPECT_EQ(proxy.upstreamConnections(), 4);
}

TEST_F(FaultProxyTest, StopsPromptlyWhileHoldingARequest) {
    auto o = options(1.0, {FaultKind::Delay});
    o.faultDelay = 30s;
    auto proxy = std::make_unique<FaultProxy>(o);
    auto client = std::async(std::launch::async, [session = sessionTo(proxy->host())] {
        Answer answer;
        try {
            call(*session, answer, "GET", "/v2/");
        } catch (const Poco::Exception&) {
            return -1;
        }
        return answer.status;
    });
    while (proxy->requestsSeen() == 0) std::this_thread::sleep_for(10ms);
    const auto start = Clock::now();
    proxy.reset();
    EXPECT_LT(secondsSince(start), 1.0);
    EXPECT_EQ(client.get(), -1) << "the held request gets no answer";
}

TEST(SilentServerTest, AcceptsConnectionsAndNeverAnswers) {
    auto server = std::make_unique<SilentServer>();
    auto session = sessionTo(server->host(), Poco::Timespan(1, 0));
    Answer answer;
    const auto start = Clock::now();
    EXPECT_THROW(call(*session, answer, "GET", "/v2/"), Poco::TimeoutException);
    EXPECT_GE(secondsSince(start), 0.9);
    auto idle = connectTcp(server->host());
    while (server->connectionsAccepted() < 2) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(server->connectionsAccepted(), 2);
    const auto stop = Clock::now();
    server.reset();
    EXPECT_LT(secondsSince(stop), 1.0);
    char byte = 0;
    EXPECT_EQ(idle->receive(&byte, 1), 0u) << "closed when the server is destroyed, never a byte";
}

TEST(TricklingServerTest, PerReadTimeoutsNeverFire) {
    auto server = std::make_unique<TricklingServer>(TricklingServerOptions{100ms, true});
    auto session = sessionTo(server->host(), Poco::Timespan(1, 0));  // each read: 1 s
    Poco::Net::HTTPRequest request("GET", "/v2/", Poco::Net::HTTPMessage::HTTP_1_1);
    session->sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session->receiveResponse(response);
    EXPECT_EQ(response.getStatus(), 200);
    EXPECT_EQ(response.getContentLength(), 1000000);
    const auto start = Clock::now();
    int bytes = 0;
    while (secondsSince(start) < 2.5 && body.get() == 'x') ++bytes;
    EXPECT_GE(bytes, 15);
    EXPECT_LE(bytes, 30);
    EXPECT_EQ(server->connectionsAccepted(), 1);
    const auto stop = Clock::now();
    server.reset();
    EXPECT_LT(secondsSince(stop), 1.0);
}

TEST(TricklingServerTest, TricklesTheHeadToo) {
    TricklingServer server(TricklingServerOptions{50ms});
    auto socket = connectTcp(server.host());
    socket->sendAll("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string received;
    const auto start = Clock::now();
    for (char byte = 0; secondsSince(start) < 1.0 && socket->receive(&byte, 1) == 1;) {
        received += byte;
    }
    EXPECT_GE(received.size(), 10u);
    EXPECT_LE(received.size(), 25u);
    EXPECT_EQ(std::string("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n").rfind(received, 0), 0u)
        << received;
}

TEST(TricklingServerTest, WaitsTwoSecondsPerByteByDefault) {
    TricklingServer server;
    auto socket = connectTcp(server.host());
    socket->sendAll("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto start = Clock::now();
    char byte = 0;
    ASSERT_EQ(socket->receive(&byte, 1), 1u);
    EXPECT_EQ(byte, 'H');
    EXPECT_GE(secondsSince(start), 1.9);
    EXPECT_LT(secondsSince(start), 3.0);
}

}  // namespace
}  // namespace signet::testing
