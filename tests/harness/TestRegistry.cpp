#include "harness/TestRegistry.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness/BackgroundProcess.h"
#include "harness/CertificateAuthority.h"
#include "harness/Credentials.h"
#include "harness/FreePort.h"
#include "harness/Paths.h"
#include "harness/RegistryConfig.h"
#include "harness/RegistryProbe.h"
#include "harness/TempDir.h"
#include "harness/TokenServer.h"

namespace signet::testing {
namespace {

constexpr int kStartAttempts = 5;
constexpr auto kStartTimeout = std::chrono::seconds(20);

std::string tailOf(const std::string& path, size_t maxChars) {
    std::string text;
    try {
        text = readFile(path);
    } catch (const std::exception&) {
        return "(no log)";
    }
    return text.size() <= maxChars ? text : "..." + text.substr(text.size() - maxChars);
}

enum class StartOutcome { Ready, PortTaken };

}  // namespace

struct TestRegistry::State {
    TestRegistryOptions options;
    TempDir dir;  // declared before them: removed after the process and the token server stop
    Credentials credentials = randomCredentials();
    RegistryConfig config;
    std::string caFile;
    std::string certDir;
    std::unique_ptr<TokenServer> tokenServer;
    std::unique_ptr<BackgroundProcess> process;

    std::string path(const std::string& name) const { return dir.path() + "/" + name; }

    static CertificateRequest loopbackCertificate() {
        CertificateRequest request;
        request.commonName = "127.0.0.1";
        request.dnsNames = {"localhost"};
        request.ipAddresses = {"127.0.0.1"};
        return request;
    }

    void prepareTls() {
        CertificateAuthority authority("signet test registry CA");
        IssuedCertificate server =
            authority.issue(options.certificate.value_or(loopbackCertificate()));
        writeFile(path("server.crt"), server.certificatePem);
        writeFile(path("server.key"), server.privateKeyPem);
        if (options.auth == RegistryAuth::Token &&
            options.tokenTransport == TokenTransport::LikeRegistry) {
            IssuedCertificate token = authority.issue(loopbackCertificate());
            writeFile(path("token-server.crt"), token.certificatePem);
            writeFile(path("token-server.key"), token.privateKeyPem);
        }
        certDir = path("ca");
        std::filesystem::create_directory(certDir);
        caFile = certDir + "/ca.crt";
        writeFile(caFile, authority.certificatePem());
        config.tls = RegistryTlsFiles{path("server.crt"), path("server.key")};
    }

    void prepareAuth() {
        if (options.auth == RegistryAuth::Htpasswd) {
            writeFile(path("htpasswd"), htpasswdLine(credentials) + "\n");
            config.htpasswdFile = path("htpasswd");
        } else if (options.auth == RegistryAuth::Token) {
            TokenServerOptions tokenOptions;
            tokenOptions.credentials = credentials;
            if (std::filesystem::exists(path("token-server.crt"))) {
                tokenOptions.tlsCertificateFile = path("token-server.crt");
                tokenOptions.tlsKeyFile = path("token-server.key");
            }
            tokenServer = std::make_unique<TokenServer>(tokenOptions);
            writeFile(path("token-root.crt"), tokenServer->rootCertificatePem());
            config.token = RegistryTokenAuth{tokenServer->realm(), tokenServer->service(),
                                             tokenServer->issuer(), path("token-root.crt")};
        }
    }

    StartOutcome startOnce() {
        config.port = pickFreePort();
        writeFile(path("config.yml"), registryConfigYaml(config));
        std::filesystem::remove(path("registry.log"));
        // REGISTRY_* variables would override config.yml: the child never sees them.
        process = std::make_unique<BackgroundProcess>(
            std::vector<std::string>{"docker-registry", "serve", path("config.yml")},
            path("registry.log"), std::map<std::string, std::string>{},
            std::vector<std::string>{"REGISTRY_"});
        auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (auto exited = process->exitCode()) {
                std::string log = tailOf(path("registry.log"), 1500);
                process.reset();
                if (log.find("address already in use") != std::string::npos) {
                    return StartOutcome::PortTaken;
                }
                throw std::runtime_error("docker-registry exited with " + std::to_string(*exited) +
                                         " before answering; its log: " + log);
            }
            int status = probeRegistry(config.port, options.tls);
            if (status == 200 || status == 401) return StartOutcome::Ready;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        process.reset();
        throw std::runtime_error(
            "docker-registry on port " + std::to_string(config.port) +
            " did not answer GET /v2/ within 20 s; its log: " + tailOf(path("registry.log"), 1500));
    }

    void start() {
        config.storageDir = path("storage");
        config.httpSecret = randomAlphanumeric(32);
        config.deleteEnabled = options.deleteEnabled;
        if (options.tls) prepareTls();
        prepareAuth();
        for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
            if (startOnce() == StartOutcome::Ready) return;
        }
        throw std::runtime_error("docker-registry found every picked port taken (" +
                                 std::to_string(kStartAttempts) + " attempts)");
    }
};

TestRegistry::TestRegistry(TestRegistryOptions options) : state_(std::make_unique<State>()) {
    state_->options = options;
    state_->start();
}

TestRegistry::~TestRegistry() {
    state_->process.reset();
    state_->tokenServer.reset();
}

std::string TestRegistry::host() const {
    return "127.0.0.1:" + std::to_string(state_->config.port);
}
std::string TestRegistry::url() const {
    return (tls() ? "https://" : "http://") + host();
}
std::string TestRegistry::username() const {
    return state_->credentials.username;
}
std::string TestRegistry::password() const {
    return state_->credentials.password;
}
std::string TestRegistry::caFile() const {
    return state_->caFile;
}
std::string TestRegistry::certDir() const {
    return state_->certDir;
}
std::string TestRegistry::workDir() const {
    return state_->dir.path();
}
std::string TestRegistry::logFile() const {
    return state_->path("registry.log");
}
int TestRegistry::requestsLogged(const std::string& uri) const {
    std::istringstream log(readFile(logFile()));
    const std::string path = "http.request.uri=\"" + uri + "\"";
    int count = 0;
    for (std::string line; std::getline(log, line);) {
        if (line.find("http.request.method=") != std::string::npos &&
            line.find("response completed") != std::string::npos &&
            (uri.empty() || line.find(path) != std::string::npos))
            ++count;
    }
    return count;
}

bool TestRegistry::tls() const {
    return state_->options.tls;
}
RegistryAuth TestRegistry::auth() const {
    return state_->options.auth;
}

int TestRegistry::tokenRequests() const {
    return state_->tokenServer ? state_->tokenServer->requests() : 0;
}

std::string TestRegistry::tokenRealm() const {
    return state_->tokenServer ? state_->tokenServer->realm() : "";
}

std::string TestRegistry::tokenHost() const {
    return state_->tokenServer ? state_->tokenServer->host() : "";
}

std::string TestRegistry::insecureHosts() const {
    std::string hosts = tls() ? "" : host();
    if (tokenRealm().rfind("http://", 0) == 0) hosts += (hosts.empty() ? "" : ",") + tokenHost();
    return hosts;
}

std::vector<std::string> TestRegistry::skopeoArgsWithPrefix(const std::string& prefix) const {
    std::vector<std::string> args;
    if (tls()) {
        args = {"--" + prefix + "cert-dir", certDir()};
    } else {
        args = {"--" + prefix + "tls-verify=false"};
    }
    if (auth() == RegistryAuth::None) {
        args.push_back("--" + prefix + "no-creds");
    } else {
        args.insert(args.end(), {"--" + prefix + "creds", username() + ":" + password()});
    }
    return args;
}

std::vector<std::string> TestRegistry::skopeoDestArgs() const {
    return skopeoArgsWithPrefix("dest-");
}
std::vector<std::string> TestRegistry::skopeoSrcArgs() const {
    return skopeoArgsWithPrefix("src-");
}
std::vector<std::string> TestRegistry::skopeoArgs() const {
    return skopeoArgsWithPrefix("");
}

}  // namespace signet::testing
