// HttpRegistryClient against ScriptedRegistry, a local Poco HTTP server that stands in for a
// misbehaving registry (5xx, 429 with Retry-After, garbage bodies, token-server quirks, odd upload
// Locations): the real docker-registry cannot be made to answer like that.
#include <gtest/gtest.h>

#include "harness/TestSecrets.h"

#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/LayerArchive.h"
#include "harness/ScriptedRegistry.h"
#include "oci/HttpRegistryClient.h"
#include "oci/MediaTypes.h"
#include "sbom/SbomGenerator.h"
#include "sbom/image/RegistryImage.h"

namespace signet::oci {
namespace {

using testing::RecordedRequest;
using testing::ScriptedRegistry;
using testing::ScriptedReply;

const std::string kManifest = R"({"schemaVersion":2})";

ScriptedReply manifestReply() {
    return {200,
            {{"Content-Type", media_type::kOciManifest},
             {"Docker-Content-Digest", crypto::sha256Digest(kManifest)}},
            kManifest};
}

struct Harness {
    explicit Harness(ScriptedRegistry::Script script, Credentials credentials = {}, int retries = 3)
        : server(std::move(script)) {
        RegistryOptions options;
        options.insecureHosts.insert(server.host());
        options.retries = retries;
        options.timeout = std::chrono::seconds(10);
        if (!credentials.anonymous()) options.credentials = ExplicitCredentials{credentials, ""};
        client =
            std::make_unique<HttpRegistryClient>(options, nullptr, signet::testing::testSecrets());
        client->setRetryHook([this](const std::string& line) {
            std::lock_guard<std::mutex> lock(mutex);
            retryLines.push_back(line);
        });
    }
    Repository repo() const { return {server.host(), "app"}; }

    ScriptedRegistry server;
    std::unique_ptr<HttpRegistryClient> client;
    std::mutex mutex;
    std::vector<std::string> retryLines;
};

Error errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no signet::Error thrown";
    return Error(ErrorKind::Internal, "none");
}

TEST(MisbehavingRegistry, Retries503ThenSucceedsAndLogsEachRetry) {
    Harness h([](const RecordedRequest&, int i) {
        return i < 2 ? ScriptedReply{503, {}, "busy"} : manifestReply();
    });
    auto manifest = h.client->getManifest(h.repo(), "v1");
    ASSERT_TRUE(manifest.has_value());
    EXPECT_EQ(manifest->body, kManifest);
    EXPECT_EQ(h.server.count(), 3);
    EXPECT_EQ(h.client->attempts(), 3);
    EXPECT_EQ(h.client->retries(), 2);
    ASSERT_EQ(h.retryLines.size(), 2u);
    EXPECT_EQ(h.retryLines[0],
              "retrying GET http://" + h.server.host() + "/v2/app/manifests/v1: 503 (attempt 2/4)");
    EXPECT_EQ(h.retryLines[1],
              "retrying GET http://" + h.server.host() + "/v2/app/manifests/v1: 503 (attempt 3/4)");
    auto head = h.server.requests()[2];
    EXPECT_EQ(head.headers["Accept"], media_type::kManifestAccept);
    EXPECT_EQ(head.headers["User-Agent"], std::string("signet/") + SIGNET_VERSION);
}

TEST(MisbehavingRegistry, HonoursRetryAfterSeconds) {
    Harness h([](const RecordedRequest&, int i) {
        return i == 0 ? ScriptedReply{429, {{"Retry-After", "2"}}, ""} : manifestReply();
    });
    auto started = std::chrono::steady_clock::now();
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_GE(elapsed, std::chrono::milliseconds(1900));
    EXPECT_LT(elapsed, std::chrono::seconds(6));
    EXPECT_EQ(h.server.count(), 2);
}

TEST(MisbehavingRegistry, PersistentServerErrorIsBoundedAndQuotesTheBody) {
    Harness h([](const RecordedRequest&, int) {
        return ScriptedReply{500, {{"Content-Type", "text/html"}}, "<html>oops\nbroken</html>"};
    });
    Error e = errorOf([&] { h.client->getManifest(h.repo(), "v1"); });
    EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
    std::string msg = e.what();
    EXPECT_NE(msg.find("500"), std::string::npos) << msg;
    EXPECT_NE(msg.find("<html>oops broken</html>"), std::string::npos) << msg;
    EXPECT_EQ(h.server.count(), 4);  // the first attempt and three retries
}

TEST(MisbehavingRegistry, Persistent429IsRateLimit) {
    Harness h(
        [](const RecordedRequest&, int) {
            return ScriptedReply{
                429,
                {{"Retry-After", "0"}},
                R"({"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]})"};
        },
        {}, 2);
    Error e = errorOf([&] { h.client->headManifest(h.repo(), "v1"); });
    EXPECT_EQ(e.kind(), ErrorKind::RateLimit) << e.what();
    EXPECT_EQ(h.server.count(), 3);
}

TEST(MisbehavingRegistry, ClientErrorsAreNotRetried) {
    struct Case {
        int status;
        ErrorKind kind;
    };
    for (Case c : {Case{400, ErrorKind::Registry}, Case{403, ErrorKind::Auth},
                   Case{401, ErrorKind::Auth}, Case{405, ErrorKind::Registry}}) {
        Harness h([&](const RecordedRequest&, int) {
            return ScriptedReply{
                c.status, {}, R"({"errors":[{"code":"DENIED","message":"not for you"}]})"};
        });
        Error e = errorOf([&] { h.client->getManifest(h.repo(), "v1"); });
        EXPECT_EQ(e.kind(), c.kind) << c.status << " " << e.what();
        EXPECT_NE(std::string(e.what()).find("DENIED: not for you"), std::string::npos) << e.what();
        EXPECT_EQ(h.server.count(), 1) << c.status;
        EXPECT_TRUE(h.retryLines.empty());
    }
    Harness notFound([](const RecordedRequest&, int) { return ScriptedReply{404, {}, ""}; });
    EXPECT_FALSE(notFound.client->getManifest(notFound.repo(), "v1").has_value());
    EXPECT_EQ(notFound.server.count(), 1);
}

TEST(MisbehavingRegistry, ManifestNotMatchingTheRequestedDigestIsRefused) {
    std::string wanted = crypto::sha256Digest("something else");
    Harness h([](const RecordedRequest&, int) {
        return ScriptedReply{200, {{"Content-Type", media_type::kOciManifest}}, kManifest};
    });
    Error e = errorOf([&] { h.client->getManifest(h.repo(), wanted); });
    EXPECT_EQ(e.kind(), ErrorKind::Registry);
    EXPECT_NE(std::string(e.what()).find("refusing"), std::string::npos) << e.what();
    // Without a Docker-Content-Digest, a tag's digest is computed from the body.
    auto byTag = h.client->getManifest(h.repo(), "v1");
    EXPECT_EQ(byTag->digest, crypto::sha256Digest(kManifest));
}

TEST(MisbehavingRegistry, TagImmutabilityRefusalsAreImmutable) {
    for (ScriptedReply refusal :
         {ScriptedReply{
              412,
              {},
              R"({"errors":[{"code":"PRECONDITION","message":"configured as immutable"}]})"},
          ScriptedReply{
              400, {}, R"({"errors":[{"code":"TAG_INVALID","message":"tag is immutable"}]})"}}) {
        Harness h([&](const RecordedRequest&, int) { return refusal; });
        Error e = errorOf([&] {
            h.client->putManifest(h.repo(), "sha256-abc.sig", media_type::kOciManifest, kManifest);
        });
        EXPECT_EQ(e.kind(), ErrorKind::Immutable) << e.what();
        EXPECT_EQ(h.server.count(), 1);
        EXPECT_EQ(h.server.requests()[0].headers["Content-Type"], media_type::kOciManifest);
    }
}

TEST(MisbehavingRegistry, UploadFollowsARelativeLocationWithAQuery) {
    std::string blob = "blob bytes";
    std::string digest = crypto::sha256Digest(blob);
    Harness h([&](const RecordedRequest& r, int) {
        if (r.method == "HEAD") return ScriptedReply{404, {}, ""};
        if (r.method == "POST")
            return ScriptedReply{202, {{"Location", "/v2/app/blobs/uploads/u-1?_state=abc"}}, ""};
        return ScriptedReply{201, {{"Docker-Content-Digest", digest}}, ""};
    });
    h.client->putBlob(h.repo(), digest, blob);
    auto requests = h.server.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].method, "HEAD");
    EXPECT_EQ(requests[1].method, "POST");
    EXPECT_EQ(requests[1].uri, "/v2/app/blobs/uploads/");
    EXPECT_EQ(requests[2].method, "PUT");
    Poco::URI put(requests[2].uri);
    EXPECT_EQ(put.getPath(), "/v2/app/blobs/uploads/u-1");
    Poco::URI::QueryParameters expected = {{"_state", "abc"}, {"digest", digest}};
    EXPECT_EQ(put.getQueryParameters(), expected);
    EXPECT_EQ(requests[2].body, blob);
    EXPECT_EQ(requests[2].headers["Content-Type"], "application/octet-stream");
}

TEST(MisbehavingRegistry, BlobRedirectsAreFollowedAndVerified) {
    std::string blob = "layer content";
    std::string digest = crypto::sha256Digest(blob);
    Harness h([&](const RecordedRequest& r, int) {
        if (r.uri.rfind("/v2/", 0) == 0)
            return ScriptedReply{307, {{"Location", "/storage/x"}}, ""};
        return ScriptedReply{200, {}, r.uri == "/storage/x" ? blob : ""};
    });
    EXPECT_EQ(h.client->getBlob(h.repo(), digest, 1000), blob);
    std::string streamed;
    h.client->readBlob(h.repo(), digest, [&](std::istream& in) {
        streamed.assign(std::istreambuf_iterator<char>(in), {});
    });
    EXPECT_EQ(streamed, blob);
    std::string wrong = crypto::sha256Digest("other");
    EXPECT_EQ(errorOf([&] { h.client->readBlob(h.repo(), wrong, [](std::istream&) {}); }).kind(),
              ErrorKind::Registry);
}

// The layer blob's digest is checked once, by the registry client as the bytes stream past
// (the layer reader does not hash them again): a registry that sends other bytes than the
// manifest names fails the SBOM with the digest it sent (the config's diff_id is the sent tar's,
// so only the blob digest can catch it).
TEST(MisbehavingRegistry, ALayerThatIsNotItsDigestFailsTheSbom) {
    const auto named = signet::testing::makeLayerArchive({{"etc/os-release", "ID=debian\n"}});
    const auto sent = signet::testing::makeLayerArchive({{"etc/os-release", "ID=alpine\n"}});
    const std::string config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers",)"
                               R"("diff_ids":[")" +
                               crypto::sha256Digest(sent.tar) + R"("]}})";
    const std::string layerDigest = crypto::sha256Digest(named.gzip);
    const std::string manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        crypto::sha256Digest(config) + R"(","size":)" + std::to_string(config.size()) +
        R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
        layerDigest + R"(","size":)" + std::to_string(named.gzip.size()) + "}]}";
    const std::string manifestDigest = crypto::sha256Digest(manifest);
    Harness h([&](const RecordedRequest& r, int) {
        if (r.uri.find("/manifests/") != std::string::npos) {
            return ScriptedReply{200,
                                 {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"},
                                  {"Docker-Content-Digest", manifestDigest}},
                                 r.method == "HEAD" ? "" : manifest};
        }
        if (r.uri.find(crypto::sha256Digest(config)) != std::string::npos)
            return ScriptedReply{200, {}, config};
        return ScriptedReply{200, {}, sent.gzip};  // the layer: other bytes than it names
    });
    const oci::Reference ref = oci::Reference::parse(h.server.host() + "/app@" + manifestDigest);
    auto images = sbom::platformImages(*h.client, ref, manifestDigest, {});
    ASSERT_EQ(images.size(), 1u);
    const Error e = errorOf(
        [&] { sbom::SbomGenerator::withDefaultCatalogers().generate(images.front().input); });
    EXPECT_EQ(e.kind(), ErrorKind::Registry);
    EXPECT_NE(std::string(e.what()).find("has digest " + crypto::sha256Digest(sent.gzip)),
              std::string::npos)
        << e.what();
}

// A registry answering 401 with a Bearer challenge pointing at this same server's /token.
ScriptedReply bearerChallenge(const std::string& host) {
    return {401,
            {{"WWW-Authenticate",
              "Bearer realm=\"http://" + host + "/token\",service=\"svc, with comma\""}},
            R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})"};
}

TEST(MisbehavingRegistry, RedirectToAnotherPortGetsNoCredentials) {
    std::string blob = "layer content";
    ScriptedRegistry storage([&](const RecordedRequest&, int) {
        return ScriptedReply{200, {}, blob};
    });
    std::string basic = "Basic " + crypto::base64Encode("u:p");
    Harness h(
        [&](const RecordedRequest& r, int) {
            auto auth = r.headers.find("Authorization");
            if (auth == r.headers.end() || auth->second != basic)
                return ScriptedReply{401, {{"WWW-Authenticate", "Basic realm=\"r\""}}, ""};
            return ScriptedReply{307, {{"Location", "http://" + storage.host() + "/blob"}}, ""};
        },
        Credentials{"u", "p", "", ""});
    EXPECT_EQ(h.client->getBlob(h.repo(), crypto::sha256Digest(blob), 1000), blob);
    auto requests = storage.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].headers.count("Authorization"), 0u);
}

TEST(MisbehavingRegistry, BearerTokenGoesOnlyToTheRepositoryItWasIssuedFor) {
    std::string host;
    std::atomic<int> misplaced{0};
    Harness h(
        [&](const RecordedRequest& r, int) {
            Poco::URI uri(r.uri);
            if (uri.getPath() == "/token") {
                std::string scope;
                for (const auto& [name, value] : uri.getQueryParameters())
                    if (name == "scope") scope = value;
                return ScriptedReply{200, {}, "{\"token\":\"for-" + scope + "\"}"};
            }
            // /v2/<repo>/manifests/<ref>
            std::string repo = uri.getPath().substr(4, uri.getPath().find("/manifests/") - 4);
            auto auth = r.headers.find("Authorization");
            if (auth == r.headers.end()) return bearerChallenge(host);
            if (auth->second == "Bearer for-repository:" + repo + ":pull,push")
                return manifestReply();
            ++misplaced;
            return bearerChallenge(host);
        },
        Credentials{"u", "p", "", ""});
    host = h.server.host();
    EXPECT_TRUE(h.client->headManifest({host, "team/a"}, "v1").has_value());
    EXPECT_TRUE(h.client->headManifest({host, "team/b"}, "v1").has_value());
    EXPECT_TRUE(h.client->headManifest({host, "team/a"}, "v2").has_value());
    EXPECT_EQ(misplaced.load(), 0);
    EXPECT_EQ(h.client->tokenRequests(), 2);
}

// A registry whose Bearer challenge names a token realm on another port of plain HTTP.
ScriptedReply challengeToRealm(const std::string& realmHost) {
    return {401, {{"WWW-Authenticate", "Bearer realm=\"http://" + realmHost + "/token\""}}, ""};
}

TEST(MisbehavingRegistry, PlainHttpRealmOnAnotherPortGetsNothingUnlessListed) {
    ScriptedRegistry realm([](const RecordedRequest&, int) {
        return ScriptedReply{200, {}, R"({"token":"t"})"};
    });
    auto script = [&](const RecordedRequest& r, int) {
        auto auth = r.headers.find("Authorization");
        if (auth != r.headers.end() && auth->second == "Bearer t") return manifestReply();
        return challengeToRealm(realm.host());
    };
    Harness refused(script, Credentials{"u", "secret-password", "", ""});
    Error e = errorOf([&] { refused.client->headManifest(refused.repo(), "v1"); });
    EXPECT_EQ(e.kind(), ErrorKind::Auth) << e.what();
    EXPECT_EQ(std::string(e.what()),
              "registry " + refused.server.host() + " names the token realm http://" +
                  realm.host() +
                  "/token, which is plain HTTP: signet sends no token request or credentials "
                  "there unless " +
                  realm.host() + " is listed in SIGNET_INSECURE_REGISTRIES");
    EXPECT_EQ(realm.count(), 0);

    ScriptedRegistry registry(script);
    RegistryOptions options;
    options.insecureHosts = {registry.host(), realm.host()};
    options.credentials = ExplicitCredentials{Credentials{"u", "secret-password", "", ""}, ""};
    HttpRegistryClient listed(options, nullptr, signet::testing::testSecrets());
    EXPECT_TRUE(listed.headManifest({registry.host(), "app"}, "v1").has_value());
    ASSERT_EQ(realm.count(), 1);
    EXPECT_EQ(realm.requests()[0].headers["Authorization"],
              "Basic " + crypto::base64Encode("u:secret-password"));
}

TEST(MisbehavingRegistry, GarbledTokenResponseNeverShowsTheToken) {
    std::string host;
    Harness h([&](const RecordedRequest& r, int) {
        if (r.uri.rfind("/token", 0) == 0)
            return ScriptedReply{200, {}, R"({"token":"SECRET-TOKEN-VALUE-1234)"};  // truncated
        return bearerChallenge(host);
    });
    host = h.server.host();
    Error e = errorOf([&] { h.client->headManifest(h.repo(), "v1"); });
    EXPECT_EQ(e.kind(), ErrorKind::Registry);
    EXPECT_EQ(std::string(e.what()).find("SECRET-TOKEN"), std::string::npos) << e.what();
}

TEST(MisbehavingRegistry, IdentityTokenPostFallsBackToGetOn404) {
    std::string host;
    Harness h(
        [&](const RecordedRequest& r, int) {
            if (r.uri.rfind("/token", 0) == 0) {
                if (r.method == "POST") return ScriptedReply{404, {}, "no oauth here"};
                return ScriptedReply{200, {}, R"({"access_token":"from-get"})"};
            }
            if (r.headers.count("Authorization") &&
                r.headers.at("Authorization") == "Bearer from-get")
                return manifestReply();
            return bearerChallenge(host);
        },
        Credentials{"", "", "refresh-123", ""});
    host = h.server.host();
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    auto requests = h.server.requests();
    ASSERT_EQ(requests.size(), 4u);
    EXPECT_EQ(requests[1].method, "POST");
    Poco::URI form("/?" + requests[1].body);
    Poco::URI::QueryParameters expected = {{"grant_type", "refresh_token"},
                                           {"refresh_token", "refresh-123"},
                                           {"service", "svc, with comma"},
                                           {"scope", "repository:app:pull,push"},
                                           {"client_id", "signet"}};
    EXPECT_EQ(form.getQueryParameters(), expected);
    EXPECT_EQ(requests[2].method, "GET");
    Poco::URI get(requests[2].uri);
    Poco::URI::QueryParameters query = {{"scope", "repository:app:pull,push"},
                                        {"service", "svc, with comma"}};
    EXPECT_EQ(get.getQueryParameters(), query);
    EXPECT_EQ(requests[2].headers.count("Authorization"), 0u);
}

TEST(MisbehavingRegistry, ExpiredTokenIsRefreshedOnce) {
    std::string host;
    std::atomic<int> issued{0};
    Harness h(
        [&](const RecordedRequest& r, int) {
            if (r.uri.rfind("/token", 0) == 0) {
                EXPECT_EQ(r.headers.at("Authorization"), "Basic " + crypto::base64Encode("u:p"));
                return ScriptedReply{200, {}, "{\"token\":\"t" + std::to_string(++issued) + "\"}"};
            }
            auto auth = r.headers.find("Authorization");
            // "t1" works for one request, then expires; "t2" keeps working.
            static std::atomic<int> t1Uses{0};
            if (auth != r.headers.end() && auth->second == "Bearer t1" && t1Uses++ == 0)
                return manifestReply();
            if (auth != r.headers.end() && auth->second == "Bearer t2") return manifestReply();
            return bearerChallenge(host);
        },
        Credentials{"u", "p", "", ""});
    host = h.server.host();
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    EXPECT_EQ(issued.load(), 2);
    EXPECT_EQ(h.client->tokenRequests(), 2);
}

TEST(MisbehavingRegistry, ConnectionsAreReusedAndStaleOnesReplacedWithoutARetry) {
    // The server drops idle connections after 100 ms; the client still holds them in its pool.
    ScriptedRegistry server([](const RecordedRequest&, int) { return manifestReply(); },
                            std::chrono::milliseconds(100));
    RegistryOptions options;
    options.insecureHosts.insert(server.host());
    HttpRegistryClient client(options, nullptr, signet::testing::testSecrets());
    Repository repo{server.host(), "app"};
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(client.headManifest(repo, "v1").has_value());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_TRUE(client.getManifest(repo, "v1").has_value());
    EXPECT_EQ(client.retries(), 0);
    EXPECT_EQ(server.count(), 4);
}

TEST(MisbehavingRegistry, BasicChallengeIsAnsweredWithCredentials) {
    std::string expected = "Basic " + crypto::base64Encode("user:pa:ss");
    Harness h(
        [&](const RecordedRequest& r, int) {
            auto auth = r.headers.find("Authorization");
            if (auth != r.headers.end() && auth->second == expected) return manifestReply();
            return ScriptedReply{401, {{"WWW-Authenticate", "Basic realm=\"registry\""}}, ""};
        },
        Credentials{"user", "pa:ss", "", ""});
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v1").has_value());
    EXPECT_TRUE(h.client->headManifest(h.repo(), "v2").has_value());
    EXPECT_EQ(h.server.count(), 3);  // one challenge, then Basic is sent up front
}

}  // namespace
}  // namespace signet::oci
