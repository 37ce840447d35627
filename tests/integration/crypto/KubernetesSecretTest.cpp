// k8s:// keys against a local HTTPS server. The server (Poco HTTPSServer, certificate from a CA
// this test generates with the openssl CLI) stands in for a Kubernetes API server, which cannot
// run here: it serves GET /version, GET and PUT /api/v1/namespaces/{ns}/secrets/{name} and POST
// /api/v1/namespaces/{ns}/secrets in the real Secret and Status JSON shapes (201 on create, 409
// AlreadyExists, 409 Conflict on a stale resourceVersion, 422 for an immutable Secret's change),
// and checks the bearer token or client certificate like the API server's authenticator would.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "unit/crypto/TempDir.h"

namespace signet::crypto {
namespace {

using signet::testing::fixture;
using signet::testing::readFile;
using signet::testing::TempDir;
using signet::testing::writeFile;
using Vars = std::map<std::string, std::string>;

const std::string kToken = "test-service-account-token";

// The public key of pemsigstorekey.pem (cosign-formats.md §10 V3).
const std::string kSigstoreKeyPub =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7z9gA/tqa9iHt/f9F3ulyVi4lwqU\n"
    "LfHWfhG2mK4eyJ8LDcLstb+VVhxj3pkMjc3fNo+sSfiIY2NLR7c+DG1V4w==\n"
    "-----END PUBLIC KEY-----\n";

void run(const std::string& command) {
    std::string quiet = command + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(quiet.c_str()), 0) << command;
}

// A server certificate `name`.crt/.key with `subjectAltName`, issued by the CA `caName`.
void issueServerCertificate(const TempDir& dir, const std::string& caName, const std::string& name,
                            const std::string& subjectAltName) {
    std::string d = dir.path();
    std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ";
    writeFile(dir.file(name + ".ext"), "subjectAltName=" + subjectAltName + "\n");
    run("openssl req" + ec + "-keyout " + d + "/" + name + ".key -out " + d + "/" + name +
        ".csr -subj /CN=127.0.0.1");
    run("openssl x509 -req -in " + d + "/" + name + ".csr -CA " + d + "/" + caName +
        ".crt -CAkey " + d + "/" + caName + ".key -CAcreateserial -out " + d + "/" + name +
        ".crt -days 1 -extfile " + d + "/" + name + ".ext");
}

// A CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl CLI.
void makeCertificates(const TempDir& dir, const std::string& caName) {
    std::string d = dir.path();
    std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ";
    run("openssl req -x509" + ec + "-keyout " + d + "/" + caName + ".key -out " + d + "/" + caName +
        ".crt -subj /CN=" + caName + " -days 1");
    issueServerCertificate(dir, caName, "server", "IP:127.0.0.1,DNS:localhost");
    run("openssl req" + ec + "-keyout " + d + "/client.key -out " + d +
        "/client.csr -subj /CN=signet-client");
    run("openssl x509 -req -in " + d + "/client.csr -CA " + d + "/" + caName + ".crt -CAkey " + d +
        "/" + caName + ".key -CAcreateserial -out " + d + "/client.crt -days 1");
}

struct FakeApiState {
    std::map<std::string, nlohmann::json> secrets;  // "ns/name" -> Secret object
    std::atomic<int> requests{0};
    std::mutex mutex;
    std::string lastPath;
    std::vector<std::string> calls;  // "METHOD path", in order
    std::string minor = "29";        // the server's Kubernetes 1.x version
    int resourceVersion = 100;
};

std::string statusBody(int code, const std::string& reason, const std::string& message) {
    return nlohmann::json{{"kind", "Status"},   {"apiVersion", "v1"}, {"status", "Failure"},
                          {"message", message}, {"reason", reason},   {"code", code}}
        .dump();
}

class SecretHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit SecretHandler(FakeApiState& state) : state_(state) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        ++state_.requests;
        {
            std::lock_guard lock(state_.mutex);
            state_.lastPath = request.getURI();
        }
        response.setContentType("application/json");
        std::lock_guard lock(state_.mutex);
        state_.calls.push_back(request.getMethod() + " " + request.getURI());
        if (!authenticated(request)) {
            return reply(response, 401, statusBody(401, "Unauthorized", "Unauthorized"));
        }
        if (request.get("Authorization", "") == "Bearer forbidden-token") {
            return reply(response, 403, statusBody(403, "Forbidden", "secrets is forbidden"));
        }
        const std::string prefix = "/api/v1/namespaces/";
        const std::string method = request.getMethod();
        std::string uri = request.getURI();
        if (method == "GET" && uri == "/version") {
            return reply(response, 200,
                         nlohmann::json{{"major", "1"},
                                        {"minor", state_.minor},
                                        {"gitVersion", "v1." + state_.minor + ".0"}}
                             .dump());
        }
        const bool collection = uri.size() > 8 && uri.substr(uri.size() - 8) == "/secrets";
        if (method == "POST" && uri.rfind(prefix, 0) == 0 && collection) {
            return create(request, response,
                          uri.substr(prefix.size(), uri.size() - 8 - prefix.size()));
        }
        auto secrets = uri.find("/secrets/");
        if ((method != "GET" && method != "PUT") || uri.rfind(prefix, 0) != 0 ||
            secrets == std::string::npos) {
            return reply(response, 404,
                         statusBody(404, "NotFound",
                                    "the server could not find "
                                    "the requested resource"));
        }
        std::string key =
            uri.substr(prefix.size(), secrets - prefix.size()) + "/" + uri.substr(secrets + 9);
        auto found = state_.secrets.find(key);
        if (found == state_.secrets.end()) {
            return reply(response, 404, statusBody(404, "NotFound", "secrets not found"));
        }
        if (method == "PUT") return update(request, response, found->second);
        reply(response, 200, found->second.dump());
    }

  private:
    static nlohmann::json body(Poco::Net::HTTPServerRequest& request) {
        std::string text((std::istreambuf_iterator<char>(request.stream())), {});
        return nlohmann::json::parse(text, nullptr, false);
    }

    void create(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                const std::string& ns) {
        auto secret = body(request);
        if (!secret.is_object() || secret.value("kind", "") != "Secret" ||
            !secret["metadata"].is_object() || secret["metadata"].value("namespace", ns) != ns) {
            return reply(response, 400, statusBody(400, "BadRequest", "not a Secret"));
        }
        const std::string key = ns + "/" + secret["metadata"].value("name", "");
        if (state_.secrets.count(key)) {
            return reply(response, 409, statusBody(409, "AlreadyExists", "secrets already exists"));
        }
        secret["metadata"]["namespace"] = ns;
        secret["metadata"]["resourceVersion"] = std::to_string(++state_.resourceVersion);
        state_.secrets[key] = secret;
        reply(response, 201, secret.dump());
    }

    void update(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                nlohmann::json& stored) {
        auto secret = body(request);
        if (!secret.is_object() || !secret["metadata"].is_object()) {
            return reply(response, 400, statusBody(400, "BadRequest", "not a Secret"));
        }
        if (secret["metadata"].value("resourceVersion", "") !=
            stored["metadata"].value("resourceVersion", "")) {
            return reply(response, 409,
                         statusBody(409, "Conflict", "the object has been modified"));
        }
        if (stored.value("immutable", false) && secret["data"] != stored["data"]) {
            return reply(response, 422,
                         statusBody(422, "Invalid", "field is immutable when `immutable` is set"));
        }
        secret["metadata"]["resourceVersion"] = std::to_string(++state_.resourceVersion);
        stored = secret;
        reply(response, 200, stored.dump());
    }

    bool authenticated(Poco::Net::HTTPServerRequest& request) {
        std::string auth = request.get("Authorization", "");
        if (auth == "Bearer " + kToken || auth == "Bearer forbidden-token") return true;
        auto& impl = static_cast<Poco::Net::HTTPServerRequestImpl&>(request);
        Poco::Net::SecureStreamSocket socket(impl.socket());
        return socket.havePeerCertificate() &&
               socket.peerCertificate().commonName() == "signet-client";
    }

    static void reply(Poco::Net::HTTPServerResponse& response, int status,
                      const std::string& body) {
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    }

    FakeApiState& state_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HandlerFactory(FakeApiState& state) : state_(state) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new SecretHandler(state_);
    }

  private:
    FakeApiState& state_;
};

nlohmann::json secretObject(const std::string& ns, const std::string& name,
                            const std::map<std::string, std::string>& data) {
    nlohmann::json encoded = nlohmann::json::object();
    for (const auto& [k, v] : data) encoded[k] = base64Encode(v);
    return {{"kind", "Secret"},
            {"apiVersion", "v1"},
            {"metadata", {{"name", name}, {"namespace", ns}, {"resourceVersion", "1"}}},
            {"data", encoded},
            {"type", "Opaque"}};
}

class KubernetesSecretTest : public ::testing::Test {
  protected:
    void SetUp() override {
        makeCertificates(dir_, "test-ca");
        state_.secrets["signing/cosign"] = secretObject(
            "signing", "cosign",
            {{"cosign.key", readFile(fixture("interop/cosign-keys/pemsigstorekey.pem"))},
             {"cosign.password", "hello"},
             {"cosign.pub", kSigstoreKeyPub}});
        state_.secrets["signing/nokey"] = secretObject("signing", "nokey", {{"other", "x"}});
        startServer("server");
    }

    // (Re)starts the stand-in API server with the certificate `name`.crt/.key.
    void startServer(const std::string& name) {
        if (server_) server_->stopAll(true);
        Poco::Net::Context::Params params;
        params.privateKeyFile = dir_.file(name + ".key");
        params.certificateFile = dir_.file(name + ".crt");
        params.caLocation = dir_.file("test-ca.crt");
        params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;  // client cert optional
        params.loadDefaultCAs = false;
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
        port_ = socket.address().port();
        server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(state_), socket,
                                                          new Poco::Net::HTTPServerParams);
        server_->start();
    }

    void TearDown() override { server_->stopAll(true); }

    std::string server() const { return "https://127.0.0.1:" + std::to_string(port_); }

    // A kubeconfig whose current context points at this server with `user` (YAML lines).
    std::string writeKubeconfig(const std::string& clusterCa, const std::string& user) {
        std::string path = dir_.file("kubeconfig");
        writeFile(path,
                  "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                  "clusters:\n- name: other\n  cluster:\n    server: https://192.0.2.1\n"
                  "- name: test-cluster\n  cluster:\n    server: " +
                      server() + "\n    " + clusterCa +
                      "\ncontexts:\n- name: test\n  context:\n    cluster: test-cluster\n"
                      "    user: test-user\nusers:\n- name: test-user\n  user:\n    " +
                      user + "\n");
        return path;
    }

    Vars kubeconfigEnv(const std::string& path) {
        return Vars{{"KUBECONFIG", path}, {"HOME", dir_.path()}};
    }

    Error errorOf(const std::function<void()>& call) {
        try {
            call();
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()).find(kToken), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).find("hello"), std::string::npos) << e.what();
            return e;
        }
        ADD_FAILURE() << "no error";
        return Error(ErrorKind::Internal, "");
    }

    TempDir dir_;
    FakeApiState state_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    unsigned short port_ = 0;
};

TEST_F(KubernetesSecretTest, KubeconfigWithCaFileAndTokenSignsAndVerifies) {
    Environment env(
        kubeconfigEnv(writeKubeconfig("certificate-authority: test-ca.crt", "token: " + kToken)));
    auto signer = signet::testing::signerFromEnvironment("k8s://signing/cosign", env,
                                                         signet::testing::testSecrets());
    auto verifier = signet::testing::verifierFromEnvironment("k8s://signing/cosign", env,
                                                             signet::testing::testSecrets());
    EXPECT_EQ(verifier->publicKeyPem(), kSigstoreKeyPub);
    EXPECT_TRUE(verifier->verify("payload", signer->sign("payload")));
    EXPECT_EQ(state_.requests.load(), 2);
    std::lock_guard lock(state_.mutex);
    EXPECT_EQ(state_.lastPath, "/api/v1/namespaces/signing/secrets/cosign");
}

// The service-account token (bare and as the header value) and the Secret's cosign.password
// reach the SecretSink, so the run's scrubber hides them and masks them under GitHub Actions.
TEST_F(KubernetesSecretTest, TokenAndSecretPasswordAreRegisteredAsSecrets) {
    struct RecordingSink : secret::SecretSink {
        std::vector<std::string> added;
        void add(std::string_view secret) override { added.emplace_back(secret); }
        std::string scrub(std::string_view text) const override { return std::string(text); }
    } sink;
    Environment env(
        kubeconfigEnv(writeKubeconfig("certificate-authority: test-ca.crt", "token: " + kToken)));
    auto signer = signet::testing::signerFromEnvironment("k8s://signing/cosign", env, sink);
    ASSERT_TRUE(signer);
    auto has = [&](const std::string& secret) {
        return std::find(sink.added.begin(), sink.added.end(), secret) != sink.added.end();
    };
    EXPECT_TRUE(has(kToken));
    EXPECT_TRUE(has("Bearer " + kToken));
    EXPECT_TRUE(has("hello")) << "the Secret's cosign.password";
}

TEST_F(KubernetesSecretTest, KubeconfigWithCaDataAndClientCertificate) {
    std::string ca = base64Encode(readFile(dir_.file("test-ca.crt")));
    std::string cert = base64Encode(readFile(dir_.file("client.crt")));
    Environment env(kubeconfigEnv(writeKubeconfig(
        "certificate-authority-data: " + ca,
        "client-certificate-data: " + cert + "\n    client-key: " + dir_.file("client.key"))));
    auto signer = signet::testing::signerFromEnvironment("k8s://signing/cosign", env,
                                                         signet::testing::testSecrets());
    EXPECT_TRUE(signer->verifier()->verify("m", signer->sign("m")));
}

TEST_F(KubernetesSecretTest, InClusterConfiguration) {
    TempDir serviceAccount;
    writeFile(serviceAccount.file("token"), kToken);
    writeFile(serviceAccount.file("ca.crt"), readFile(dir_.file("test-ca.crt")));
    Environment env(Vars{{"KUBERNETES_SERVICE_HOST", "127.0.0.1"},
                         {"KUBERNETES_SERVICE_PORT", std::to_string(port_)},
                         {"SIGNET_K8S_SERVICEACCOUNT_DIR", serviceAccount.path()},
                         {"HOME", dir_.path()}});
    auto signer = signet::testing::signerFromEnvironment("k8s://signing/cosign", env,
                                                         signet::testing::testSecrets());
    EXPECT_TRUE(signet::testing::verifierFromEnvironment("k8s://signing/cosign", env,
                                                         signet::testing::testSecrets())
                    ->verify("m", signer->sign("m")));
    // COSIGN_PASSWORD still wins over the Secret's cosign.password.
    env.set("COSIGN_PASSWORD", "wrong");
    auto wrong = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/cosign", env,
                                               signet::testing::testSecrets());
    });
    EXPECT_EQ(std::string(wrong.what()), "wrong password for key k8s://signing/cosign");
}

// cosign generate-key-pair k8s://ns/name: the Secret holds cosign.key, cosign.pub and
// cosign.password (Immutable on Kubernetes 1.21 and later), the public key is written locally,
// and the key signs through the same reference with no password given.
TEST_F(KubernetesSecretTest, GenerateKeyPairCreatesTheSecretAsCosignDoes) {
    std::map<std::string, std::string> env =
        kubeconfigEnv(writeKubeconfig("certificate-authority: test-ca.crt", "token: " + kToken));
    env["COSIGN_PASSWORD"] = "generated-pw";
    const std::string prefix = dir_.file("generated");
    auto made = signet::testing::runSignet(
        {"generate-key-pair", "--output-key-prefix", prefix, "k8s://signing/generated"}, env);
    ASSERT_EQ(made.exitCode, 0) << made.err;
    EXPECT_EQ(made.err,
              "Successfully created secret generated in namespace signing\n"
              "Public key written to " +
                  prefix + ".pub\n");
    EXPECT_EQ(made.err.find("generated-pw"), std::string::npos);
    nlohmann::json secret;
    {
        std::lock_guard lock(state_.mutex);
        EXPECT_EQ(state_.calls,
                  (std::vector<std::string>{"GET /version",
                                            "GET /api/v1/namespaces/signing/secrets/generated",
                                            "POST /api/v1/namespaces/signing/secrets"}));
        secret = state_.secrets.at("signing/generated");
    }
    EXPECT_EQ(secret["immutable"], true);
    EXPECT_EQ(secret["type"], "Opaque");
    auto value = [&](const std::string& key) {
        return *base64Decode(secret["data"][key].get<std::string>());
    };
    EXPECT_EQ(value("cosign.password"), "generated-pw");
    EXPECT_EQ(value("cosign.pub"), readFile(prefix + ".pub"));
    EXPECT_NE(value("cosign.key").find("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"),
              std::string::npos);

    env.erase("COSIGN_PASSWORD");  // the Secret's cosign.password decrypts it
    auto signer = signet::testing::signerFromEnvironment(
        "k8s://signing/generated", Environment(env), signet::testing::testSecrets());
    EXPECT_EQ(signer->verifier()->publicKeyPem(), value("cosign.pub"));
    auto printed =
        signet::testing::runSignet({"public-key", "--key", "k8s://signing/generated"}, env);
    EXPECT_EQ(printed.exitCode, 0) << printed.err;
    EXPECT_EQ(printed.out, value("cosign.pub"));

    // An existing Secret is not overwritten unless asked; an immutable one cannot be.
    env["COSIGN_PASSWORD"] = "second-pw";
    auto again = signet::testing::runSignet(
        {"generate-key-pair", "--output-key-prefix", prefix, "k8s://signing/generated"}, env);
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("Secret signing/generated already exists: pass --force"),
              std::string::npos)
        << again.err;
    auto forced = signet::testing::runSignet(
        {"generate-key-pair", "--force", "--output-key-prefix", prefix, "k8s://signing/generated"},
        env);
    EXPECT_EQ(forced.exitCode, 1);
    EXPECT_NE(forced.err.find("is immutable and cannot be replaced: delete it first"),
              std::string::npos)
        << forced.err;
    std::lock_guard lock(state_.mutex);
    EXPECT_EQ(state_.secrets.at("signing/generated")["data"], secret["data"]);
}

// Before Kubernetes 1.21 there are no immutable Secrets; --force replaces the three keys and
// keeps the Secret's other data, as cosign's update does.
TEST_F(KubernetesSecretTest, GenerateKeyPairForceReplacesTheKeysOfAnOldServersSecret) {
    state_.minor = "20";
    std::map<std::string, std::string> env =
        kubeconfigEnv(writeKubeconfig("certificate-authority: test-ca.crt", "token: " + kToken));
    env["COSIGN_PASSWORD"] = "";
    const std::string prefix = dir_.file("replaced");
    auto made = signet::testing::runSignet(
        {"generate-key-pair", "--force", "--output-key-prefix", prefix, "k8s://signing/nokey"},
        env);
    ASSERT_EQ(made.exitCode, 0) << made.err;
    EXPECT_EQ(made.err.substr(0, 55), "Successfully updated secret nokey in namespace signing\n");
    std::lock_guard lock(state_.mutex);
    const auto& secret = state_.secrets.at("signing/nokey");
    EXPECT_FALSE(secret.contains("immutable"));
    EXPECT_EQ(*base64Decode(secret["data"]["other"].get<std::string>()), "x");
    EXPECT_EQ(*base64Decode(secret["data"]["cosign.password"].get<std::string>()), "");
    EXPECT_EQ(*base64Decode(secret["data"]["cosign.pub"].get<std::string>()),
              readFile(prefix + ".pub"));
    EXPECT_EQ(state_.calls.back(), "PUT /api/v1/namespaces/signing/secrets/nokey");
}

TEST_F(KubernetesSecretTest, NotFoundForbiddenAndUnauthorizedAreClear) {
    Environment env(kubeconfigEnv(
        writeKubeconfig("certificate-authority: " + dir_.file("test-ca.crt"), "token: " + kToken)));
    auto missing = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/absent", env,
                                               signet::testing::testSecrets());
    });
    EXPECT_EQ(missing.kind(), ErrorKind::NotFound);
    EXPECT_EQ(
        std::string(missing.what()),
        "key reference k8s://signing/absent: Secret signing/absent does not exist (HTTP 404)");
    auto noKey = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/nokey", env,
                                               signet::testing::testSecrets());
    });
    EXPECT_NE(std::string(noKey.what()).find("has no cosign.key"), std::string::npos);

    Environment forbidden(kubeconfigEnv(writeKubeconfig(
        "certificate-authority: " + dir_.file("test-ca.crt"), "token: forbidden-token")));
    auto denied = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/cosign", forbidden,
                                               signet::testing::testSecrets());
    });
    EXPECT_EQ(denied.kind(), ErrorKind::Auth);
    EXPECT_NE(std::string(denied.what()).find("(HTTP 403)"), std::string::npos) << denied.what();

    Environment anonymous(
        kubeconfigEnv(writeKubeconfig("certificate-authority: " + dir_.file("test-ca.crt"), "{}")));
    auto unauthorized = errorOf([&] {
        signet::testing::verifierFromEnvironment("k8s://signing/cosign", anonymous,
                                                 signet::testing::testSecrets());
    });
    EXPECT_EQ(unauthorized.kind(), ErrorKind::Auth);
    EXPECT_NE(std::string(unauthorized.what()).find("(HTTP 401)"), std::string::npos);
}

TEST_F(KubernetesSecretTest, ServerCertificateFromAnotherCaIsRefused) {
    TempDir other;
    makeCertificates(other, "other-ca");
    Environment env(kubeconfigEnv(writeKubeconfig(
        "certificate-authority: " + other.file("other-ca.crt"), "token: " + kToken)));
    auto error = errorOf([&] {
        signet::testing::verifierFromEnvironment("k8s://signing/cosign", env,
                                                 signet::testing::testSecrets());
    });
    EXPECT_EQ(error.kind(), ErrorKind::Network) << error.what();
    EXPECT_NE(std::string(error.what()).find("k8s://signing/cosign"), std::string::npos);
    EXPECT_EQ(state_.requests.load(), 0);
}

TEST_F(KubernetesSecretTest, ServerCertificateForAnotherNameIsRefused) {
    issueServerCertificate(dir_, "test-ca", "other-name", "DNS:other.example");
    startServer("other-name");
    Environment env(kubeconfigEnv(
        writeKubeconfig("certificate-authority: " + dir_.file("test-ca.crt"), "token: " + kToken)));
    auto error = errorOf([&] {
        signet::testing::verifierFromEnvironment("k8s://signing/cosign", env,
                                                 signet::testing::testSecrets());
    });
    EXPECT_EQ(error.kind(), ErrorKind::Network) << error.what();
    std::string host = "127.0.0.1:" + std::to_string(port_);
    EXPECT_EQ(std::string(error.what()),
              "key reference k8s://signing/cosign: cannot read Secret signing/cosign from the "
              "Kubernetes API: the TLS certificate of " +
                  host + " is for DNS:other.example, not 127.0.0.1");
    EXPECT_EQ(state_.requests.load(), 0) << "the token reached a server with the wrong name";
}

TEST_F(KubernetesSecretTest, MissingConfigurationIsAnError) {
    auto none = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/cosign",
                                               Environment(Vars{{"HOME", dir_.path()}}),
                                               signet::testing::testSecrets());
    });
    EXPECT_NE(std::string(none.what()).find("set KUBECONFIG or run inside a cluster"),
              std::string::npos)
        << none.what();
    auto badPath = errorOf([&] {
        signet::testing::signerFromEnvironment("k8s://signing/cosign",
                                               Environment(Vars{{"KUBECONFIG", dir_.file("nope")}}),
                                               signet::testing::testSecrets());
    });
    EXPECT_NE(std::string(badPath.what()).find("KUBECONFIG"), std::string::npos);
    writeFile(dir_.file("broken"), "current-context: [unclosed\n");
    auto broken = errorOf([&] {
        signet::testing::signerFromEnvironment(
            "k8s://signing/cosign", Environment(Vars{{"KUBECONFIG", dir_.file("broken")}}),
            signet::testing::testSecrets());
    });
    EXPECT_EQ(std::string(broken.what()).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace signet::crypto
