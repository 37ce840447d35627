// `signet sign`/`verify` against real TLS docker-registries whose certificates come from the
// harness CA: only a certificate naming the host dialled (IP or DNS subjectAltName), within its
// dates, over TLS 1.2 or later is accepted; otherwise one line, exit 4, and no request (so no
// password) reaches the server. Also where registry credentials may go for a token realm.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "harness/BackgroundProcess.h"
#include "harness/CertificateAuthority.h"
#include "harness/FreePort.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

const std::string kAbsentDigest = "sha256:" + std::string(64, 'a');

CertificateRequest certificateFor(std::vector<std::string> dns, std::vector<std::string> ips) {
    CertificateRequest request;
    request.commonName = "signet test server";
    request.dnsNames = std::move(dns);
    request.ipAddresses = std::move(ips);
    return request;
}

TestRegistryOptions tlsRegistry(std::optional<CertificateRequest> certificate = std::nullopt) {
    TestRegistryOptions options;
    options.auth = RegistryAuth::Htpasswd;
    options.tls = true;
    options.certificate = std::move(certificate);
    return options;
}

int lineCount(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class TlsTrust : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()}, {"COSIGN_PASSWORD", "correct horse"}};
        auto keys =
            runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/k"}, env_);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
    }

    // The environment for talking to `registry` with its password and its CA trusted.
    std::map<std::string, std::string> envFor(const TestRegistry& registry) const {
        auto env = env_;
        env["SIGNET_REGISTRY_CA"] = registry.caFile();
        env["SIGNET_REGISTRY_USERNAME"] = registry.username();
        env["SIGNET_REGISTRY_PASSWORD"] = registry.password();
        return env;
    }
    CommandResult sign(const std::string& ref, const std::map<std::string, std::string>& env) {
        return runSignet({"sign", "--key", home_.path() + "/k.key", ref}, env);
    }
    CommandResult verify(const std::string& ref, const std::map<std::string, std::string>& env) {
        return runSignet({"verify", "--key", home_.path() + "/k.pub", ref}, env);
    }

    // Signing at `host` (how the registry is dialled) is refused with one line naming the host
    // and `expected`; the registry saw the handshake fail and no HTTP request from signet.
    void expectRefusedBeforeAnyRequest(const TestRegistry& registry, const std::string& host,
                                       const std::string& expected) {
        auto refused = sign(host + "/app@" + kAbsentDigest, envFor(registry));
        EXPECT_EQ(refused.exitCode, 4) << refused.err;
        EXPECT_EQ(lineCount(refused.err), 1) << refused.err;
        EXPECT_NE(refused.err.find(expected), std::string::npos) << refused.err;
        EXPECT_EQ(refused.err.find(registry.password()), std::string::npos);
        std::string log = readFile(registry.logFile());
        EXPECT_NE(log.find("TLS handshake error"), std::string::npos) << log;
        EXPECT_EQ(log.find("signet/"), std::string::npos) << "a request reached the registry:\n"
                                                          << log;
    }

    TempDir home_;
    std::map<std::string, std::string> env_;
};

TEST_F(TlsTrust, CertificateNamingTheHostSignsAndVerifiesByIpAndByName) {
    TestRegistry registry(tlsRegistry());
    PushedImage image = pushSmallImage(registry, "app", "v1", "right certificate");
    auto signed_ = sign(image.ref(), envFor(registry));
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    auto byIp = verify(image.ref(), envFor(registry));
    EXPECT_EQ(byIp.exitCode, 0) << byIp.err;
    std::string port = registry.host().substr(registry.host().find(':'));
    auto byName = verify("localhost" + port + "/app@" + image.digest, envFor(registry));
    EXPECT_EQ(byName.exitCode, 0) << byName.err;
}

TEST_F(TlsTrust, CertificateForAnotherNameIsRefusedAtTheIpAddress) {
    TestRegistry registry(tlsRegistry(certificateFor({"other.example"}, {})));
    expectRefusedBeforeAnyRequest(
        registry, registry.host(),
        "the TLS certificate of " + registry.host() + " is for DNS:other.example, not 127.0.0.1");
}

TEST_F(TlsTrust, CertificateForAnotherNameIsRefusedAtLocalhost) {
    TestRegistry registry(tlsRegistry(certificateFor({"other.example"}, {"127.0.0.2"})));
    std::string host = "localhost" + registry.host().substr(registry.host().find(':'));
    expectRefusedBeforeAnyRequest(registry, host,
                                  "the TLS certificate of " + host +
                                      " is for DNS:other.example, IP:127.0.0.2, not localhost");
}

TEST_F(TlsTrust, ExpiredCertificateIsRefused) {
    CertificateRequest expired = certificateFor({"localhost"}, {"127.0.0.1"});
    expired.notBefore = -std::chrono::hours(48);
    expired.notAfter = -std::chrono::hours(24);
    TestRegistry registry(tlsRegistry(expired));
    expectRefusedBeforeAnyRequest(
        registry, registry.host(),
        "the TLS certificate of " + registry.host() + " (DNS:localhost, IP:127.0.0.1) expired at ");
}

// `openssl s_server` offering only TLS 1.1 (RSA key exchange, which OpenSSL 3 still allows at
// security level 1): the docker-registry cannot be configured below TLS 1.2.
class Tls11Server {
  public:
    Tls11Server() {
        CertificateAuthority authority("signet test TLS 1.1 CA");
        CertificateRequest request = certificateFor({"localhost"}, {"127.0.0.1"});
        request.rsaKey = true;
        IssuedCertificate server = authority.issue(request);
        writeFile(dir_.path() + "/ca.crt", authority.certificatePem());
        writeFile(dir_.path() + "/server.crt", server.certificatePem);
        writeFile(dir_.path() + "/server.key", server.privateKeyPem);
        port_ = pickFreePort();
        process_ = std::make_unique<BackgroundProcess>(
            std::vector<std::string>{"openssl", "s_server", "-accept",
                                     "127.0.0.1:" + std::to_string(port_), "-tls1_1", "-cipher",
                                     "AES128-SHA:@SECLEVEL=0", "-cert", dir_.path() + "/server.crt",
                                     "-key", dir_.path() + "/server.key", "-www"},
            log());
        for (int i = 0; i < 200 && readLog().find("ACCEPT") == std::string::npos; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
    std::string caFile() const { return dir_.path() + "/ca.crt"; }
    std::string log() const { return dir_.path() + "/s_server.log"; }
    std::string readLog() const {
        try {
            return readFile(log());
        } catch (const std::exception&) {
            return "";
        }
    }

  private:
    TempDir dir_;
    int port_ = 0;
    std::unique_ptr<BackgroundProcess> process_;
};

TEST_F(TlsTrust, ServerOfferingOnlyTls11IsRefused) {
    Tls11Server server;
    ASSERT_NE(server.readLog().find("ACCEPT"), std::string::npos) << server.readLog();
    auto env = env_;
    env["SIGNET_REGISTRY_CA"] = server.caFile();
    env["SIGNET_REGISTRY_USERNAME"] = "user";
    env["SIGNET_REGISTRY_PASSWORD"] = "never-sent";
    auto refused = sign(server.host() + "/app@" + kAbsentDigest, env);
    EXPECT_EQ(refused.exitCode, 4) << refused.err;
    EXPECT_EQ(lineCount(refused.err), 1) << refused.err;
    EXPECT_NE(refused.err.find(server.host() + " does not speak TLS 1.2 or later"),
              std::string::npos)
        << refused.err;
}

// A TLS registry whose token server listens on plain HTTP on another port.
TestRegistryOptions tokenRegistryWithPlainHttpRealm() {
    TestRegistryOptions options;
    options.auth = RegistryAuth::Token;
    options.tls = true;
    options.tokenTransport = TokenTransport::PlainHttp;
    return options;
}

TEST_F(TlsTrust, PlainHttpTokenRealmOfAnHttpsRegistryGetsNoCredentials) {
    TestRegistry registry(tokenRegistryWithPlainHttpRealm());
    ASSERT_EQ(registry.tokenRealm().rfind("http://", 0), 0u);
    PushedImage image = pushSmallImage(registry, "app", "v1", "cleartext realm");
    int before = registry.tokenRequests();
    auto refused = sign(image.ref(), envFor(registry));
    EXPECT_EQ(refused.exitCode, 3) << refused.err;
    EXPECT_EQ(lineCount(refused.err), 1) << refused.err;
    EXPECT_NE(refused.err.find("token realm " + registry.tokenRealm()), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find(registry.tokenHost() + " is listed in SIGNET_INSECURE_REGISTRIES"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(registry.tokenRequests(), before) << "a request reached the plain-HTTP token server";
}

TEST_F(TlsTrust, PlainHttpTokenRealmListedAsInsecureIsUsed) {
    TestRegistry registry(tokenRegistryWithPlainHttpRealm());
    PushedImage image = pushSmallImage(registry, "app", "v1", "listed realm");
    int before = registry.tokenRequests();
    auto env = envFor(registry);
    env["SIGNET_INSECURE_REGISTRIES"] = registry.tokenHost();
    auto signed_ = sign(image.ref(), env);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    EXPECT_GT(registry.tokenRequests(), before);
    EXPECT_EQ(verify(image.ref(), env).exitCode, 0);
}

TEST_F(TlsTrust, HttpsTokenRealmIsUsedWithItsCertificateChecked) {
    TestRegistry registry({RegistryAuth::Token, true});
    ASSERT_EQ(registry.tokenRealm().rfind("https://", 0), 0u);
    PushedImage image = pushSmallImage(registry, "app", "v1", "https realm");
    int before = registry.tokenRequests();
    auto signed_ = sign(image.ref(), envFor(registry));
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    EXPECT_GT(registry.tokenRequests(), before);
}

}  // namespace
}  // namespace signet::testing
