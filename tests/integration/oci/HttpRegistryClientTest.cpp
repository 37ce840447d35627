// HttpRegistryClient against the real Debian docker-registry started by the harness: plain,
// htpasswd Basic auth, TLS with a generated CA, and token auth. Images are pushed with skopeo, a
// client we did not write, and what signet writes is read back with skopeo too.
#include "oci/HttpRegistryClient.h"

#include <gtest/gtest.h>

#include "harness/TestSecrets.h"

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "harness/FreePort.h"
#include "harness/Paths.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "oci/MediaTypes.h"

namespace signet::oci {
namespace {

using testing::PushedImage;
using testing::RegistryAuth;
using testing::TestRegistry;

struct ClientSetup {
    bool credentials = true;
    std::string password;  // overrides the registry's password when set
    bool trustCa = true;
    int retries = 1;
};

ClientSetup setup(const std::function<void(ClientSetup&)>& change) {
    ClientSetup s;
    change(s);
    return s;
}

std::unique_ptr<HttpRegistryClient> clientFor(const TestRegistry& registry,
                                              ClientSetup setup = {}) {
    RegistryOptions options;
    std::stringstream hosts(registry.insecureHosts());
    for (std::string host; std::getline(hosts, host, ',');) options.insecureHosts.insert(host);
    if (registry.tls() && setup.trustCa) options.caFile = registry.caFile();
    options.retries = setup.retries;
    options.timeout = std::chrono::seconds(20);
    if (setup.credentials && registry.auth() != RegistryAuth::None) {
        ExplicitCredentials explicitCredentials;
        explicitCredentials.credentials.username = registry.username();
        explicitCredentials.credentials.password =
            setup.password.empty() ? registry.password() : setup.password;
        options.credentials = explicitCredentials;
    }
    auto client =
        std::make_unique<HttpRegistryClient>(options, nullptr, signet::testing::testSecrets());
    client->setRetryHook([](const std::string&) {});
    return client;
}

Repository repositoryOf(const PushedImage& image) {
    return Reference::parse(image.repository).repository;
}

// Resolves the tag, reads manifest, config and layer, then writes a new blob and manifest and
// has skopeo read them back.
void exerciseReadAndWrite(const TestRegistry& registry, HttpRegistryClient& client) {
    PushedImage image = testing::pushSmallImage(registry, "team/app", "v1", "round trip");
    Repository repo = repositoryOf(image);
    EXPECT_EQ(repo.registry, registry.host());
    EXPECT_EQ(repo.path, "team/app");

    auto head = client.headManifest(repo, "v1");
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->digest, image.digest);
    EXPECT_EQ(head->mediaType, media_type::kOciManifest);
    EXPECT_TRUE(head->body.empty());

    auto byDigest = client.getManifest(repo, image.digest);
    ASSERT_TRUE(byDigest.has_value());
    EXPECT_EQ(crypto::sha256Digest(byDigest->body), image.digest);
    EXPECT_EQ(byDigest->body, testing::fetchRawManifest(registry, "team/app:v1"));
    EXPECT_EQ(head->size, byDigest->size);

    auto manifest = nlohmann::json::parse(byDigest->body);
    std::string configDigest = manifest["config"]["digest"];
    std::string config = client.getBlob(repo, configDigest, 1 << 20);
    EXPECT_EQ(crypto::sha256Digest(config), configDigest);
    EXPECT_THROW(client.getBlob(repo, configDigest, 3), Error);

    std::string layerDigest = manifest["layers"][0]["digest"];
    std::int64_t layerSize = manifest["layers"][0]["size"];
    std::int64_t streamed = 0;
    client.readBlob(repo, layerDigest, [&](std::istream& in) {
        char buffer[4096];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) streamed += in.gcount();
    });
    EXPECT_EQ(streamed, layerSize);

    // Write: a new layer blob and a manifest using it, under a new tag.
    std::string blob = "signet blob " + image.digest;
    std::string blobDigest = crypto::sha256Digest(blob);
    EXPECT_FALSE(client.hasBlob(repo, blobDigest));
    client.putBlob(repo, blobDigest, blob);
    EXPECT_TRUE(client.hasBlob(repo, blobDigest));
    client.putBlob(repo, blobDigest, blob);  // present: no second upload, no error
    EXPECT_EQ(client.getBlob(repo, blobDigest, 1 << 20), blob);

    nlohmann::ordered_json written = {{"schemaVersion", 2},
                                      {"mediaType", media_type::kOciManifest},
                                      {"config", manifest["config"]},
                                      {"layers",
                                       {{{"mediaType", media_type::kOciLayerTar},
                                         {"digest", blobDigest},
                                         {"size", blob.size()}}}}};
    std::string body = written.dump();
    std::string putDigest = client.putManifest(repo, "copy", media_type::kOciManifest, body);
    EXPECT_EQ(putDigest, crypto::sha256Digest(body));
    EXPECT_EQ(testing::fetchRawManifest(registry, "team/app:copy"), body);
    EXPECT_EQ(client.headManifest(repo, "copy")->digest, putDigest);

    EXPECT_FALSE(client.headManifest(repo, "no-such-tag").has_value());
    EXPECT_FALSE(client.getManifest(repo, "no-such-tag").has_value());
    Repository missing{registry.host(), "never/pushed"};
    EXPECT_FALSE(client.getManifest(missing, "v1").has_value());
    try {
        client.getBlob(repo, crypto::sha256Digest("absent"), 100);
        ADD_FAILURE() << "absent blob fetched";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
    }
}

TEST(HttpRegistryClientIntegration, PlainRegistryOverInsecureHost) {
    TestRegistry registry;
    auto client = clientFor(registry);
    exerciseReadAndWrite(registry, *client);
    EXPECT_EQ(client->retries(), 0);
}

TEST(HttpRegistryClientIntegration, AnInsecurePlainHostIsProbedByItsFirstRequest) {
    // No GET /v2/ first: the first HEAD goes out in plain HTTP and its answer settles the scheme
    // (one request fewer per process; the bench counts them).
    TestRegistry registry;
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "first contact");
    const int probes = registry.requestsLogged("/v2/");
    const int before = registry.requestsLogged();
    auto client = clientFor(registry);
    EXPECT_EQ(client->headManifest(repositoryOf(image), "v1")->digest, image.digest);
    EXPECT_FALSE(client->headManifest(repositoryOf(image), "absent").has_value());
    EXPECT_EQ(client->getManifest(repositoryOf(image), "v1")->digest, image.digest);
    EXPECT_EQ(registry.requestsLogged("/v2/"), probes) << testing::readFile(registry.logFile());
    EXPECT_EQ(registry.requestsLogged(), before + 3);
    EXPECT_EQ(client->retries(), 0);

    // A fresh client whose first request is a GET answered 404 sends it once too.
    auto fresh = clientFor(registry);
    Repository missing{registry.host(), "never/pushed"};
    EXPECT_FALSE(fresh->getManifest(missing, "v1").has_value());
    EXPECT_EQ(registry.requestsLogged(), before + 4);
}

TEST(HttpRegistryClientIntegration, ReferrersApiIsReportedUnsupportedByDistribution28) {
    // Debian's docker-registry 2.8 has no referrers endpoint: it answers 404.
    TestRegistry registry;
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "referrers");
    auto client = clientFor(registry);
    EXPECT_FALSE(client->getReferrers(repositoryOf(image), image.digest, "").has_value());
    EXPECT_FALSE(client->getReferrers(repositoryOf(image), image.digest, "text/spdx").has_value());
}

TEST(HttpRegistryClientIntegration, HtpasswdBasicAuth) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    auto client = clientFor(registry);
    exerciseReadAndWrite(registry, *client);
    EXPECT_EQ(client->tokenRequests(), 0);
}

TEST(HttpRegistryClientIntegration, HtpasswdWrongPasswordIsAuthErrorWithoutTheSecret) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "x");
    const std::string wrong = "wrong-password-0123456789";
    auto client = clientFor(registry, setup([&](ClientSetup& s) { s.password = wrong; }));
    try {
        client->headManifest(repositoryOf(image), "v1");
        FAIL() << "wrong password accepted";
    } catch (const Error& e) {
        std::string msg = e.what();
        EXPECT_EQ(e.kind(), ErrorKind::Auth);
        EXPECT_NE(msg.find("401"), std::string::npos) << msg;
        EXPECT_NE(msg.find("check credentials for " + registry.host()), std::string::npos) << msg;
        EXPECT_EQ(msg.find(wrong), std::string::npos) << msg;
        EXPECT_EQ(msg.find(crypto::base64Encode(registry.username() + ":" + wrong)),
                  std::string::npos);
    }
    auto anonymous = clientFor(registry, setup([](ClientSetup& s) { s.credentials = false; }));
    try {
        anonymous->getManifest(repositoryOf(image), "v1");
        FAIL() << "anonymous accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Auth) << e.what();
    }
}

TEST(HttpRegistryClientIntegration, TlsWithTheGeneratedCa) {
    TestRegistry registry({RegistryAuth::None, true});
    auto client = clientFor(registry);
    exerciseReadAndWrite(registry, *client);
}

TEST(HttpRegistryClientIntegration, TlsRefusedWithoutTheCaAndNotRetried) {
    TestRegistry registry({RegistryAuth::None, true});
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "tls");
    auto client = clientFor(registry, setup([](ClientSetup& s) {
                                s.trustCa = false;
                                s.retries = 3;
                            }));
    try {
        client->headManifest(repositoryOf(image), "v1");
        FAIL() << "unknown CA accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Network);
        // The CA setting, named as the wrapper in use spells it (SIGNET_REGISTRY_CA for sign).
        EXPECT_NE(std::string(e.what()).find(spellSetting("registry.ca_file")), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(client->retries(), 0);

    // Listed as insecure, the same registry is reached over HTTPS without verification.
    RegistryOptions insecure;
    insecure.insecureHosts.insert(registry.host());
    HttpRegistryClient unverified(insecure, nullptr, signet::testing::testSecrets());
    EXPECT_EQ(unverified.headManifest(repositoryOf(image), "v1")->digest, image.digest);
}

TEST(HttpRegistryClientIntegration, TokenAuthFetchesOneTokenForManyCalls) {
    TestRegistry registry({RegistryAuth::Token, false});
    PushedImage image = testing::pushSmallImage(registry, "team/app", "v1", "token");
    int before = registry.tokenRequests();
    auto client = clientFor(registry);
    Repository repo = repositoryOf(image);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(client->headManifest(repo, "v1")->digest, image.digest);
    EXPECT_TRUE(client->getManifest(repo, image.digest).has_value());
    EXPECT_EQ(registry.tokenRequests() - before, 1);
    EXPECT_EQ(client->tokenRequests(), 1);
}

TEST(HttpRegistryClientIntegration, TokenAuthReadAndWrite) {
    TestRegistry registry({RegistryAuth::Token, false});
    auto client = clientFor(registry);
    exerciseReadAndWrite(registry, *client);
}

TEST(HttpRegistryClientIntegration, EightThreadsShareOneTokenRequest) {
    TestRegistry registry({RegistryAuth::Token, false});
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "threads");
    int before = registry.tokenRequests();
    auto client = clientFor(registry);
    Repository repo = repositoryOf(image);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                try {
                    auto m = client->getManifest(repo, "v1");
                    if (m && m->digest == image.digest) ok++;
                } catch (const Error&) {
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok.load(), 40);
    EXPECT_EQ(registry.tokenRequests() - before, 1);
}

TEST(HttpRegistryClientIntegration, TokenServerRefusesWrongPassword) {
    TestRegistry registry({RegistryAuth::Token, false});
    PushedImage image = testing::pushSmallImage(registry, "app", "v1", "x");
    const std::string wrong = "not-the-password-987654321";
    auto client = clientFor(registry, setup([&](ClientSetup& s) { s.password = wrong; }));
    try {
        client->headManifest(repositoryOf(image), "v1");
        FAIL() << "wrong password accepted";
    } catch (const Error& e) {
        std::string msg = e.what();
        EXPECT_EQ(e.kind(), ErrorKind::Auth);
        EXPECT_NE(msg.find("token request"), std::string::npos) << msg;
        EXPECT_NE(msg.find("401"), std::string::npos) << msg;
        EXPECT_EQ(msg.find(wrong), std::string::npos) << msg;
    }
}

TEST(HttpRegistryClientIntegration, ConnectionRefusedIsNetworkAfterBoundedRetries) {
    int port = testing::pickFreePort();  // nothing listens here
    RegistryOptions options;
    std::string host = "127.0.0.1:" + std::to_string(port);
    options.insecureHosts.insert(host);
    options.retries = 2;
    HttpRegistryClient client(options, nullptr, signet::testing::testSecrets());
    std::vector<std::string> lines;
    std::mutex mutex;
    client.setRetryHook([&](const std::string& line) {
        std::lock_guard<std::mutex> lock(mutex);
        lines.push_back(line);
    });
    auto started = std::chrono::steady_clock::now();
    try {
        client.headManifest({host, "app"}, "v1");
        FAIL() << "connected to nothing";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Network) << e.what();
        EXPECT_NE(std::string(e.what()).find("after 3 attempts"), std::string::npos) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
    EXPECT_EQ(client.attempts(), 3);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("retrying HEAD https://" + host + "/v2/app/manifests/v1: "),
              std::string::npos)
        << lines[0];
    EXPECT_NE(lines[1].find("(attempt 3/3)"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace signet::oci
