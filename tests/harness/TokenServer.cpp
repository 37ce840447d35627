#include "harness/TokenServer.h"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <openssl/crypto.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "harness/CertificateAuthority.h"
#include "harness/JwtSigner.h"

namespace signet::testing {
namespace {

using Poco::Net::HTTPResponse;

constexpr int kLifetimeSeconds = 300;

std::vector<std::string> splitActions(const std::string& text) {
    std::vector<std::string> actions;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) actions.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return actions;
}

bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string rfc3339(std::chrono::system_clock::time_point when) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

struct Issuer {
    TokenServerOptions options;
    CertificateAuthority authority{"signet test token CA"};
    std::unique_ptr<JwtSigner> signer;
    std::atomic<int> requests{0};

    explicit Issuer(TokenServerOptions o) : options(std::move(o)) {
        CertificateRequest request;
        request.commonName = "signet test token signer";
        request.serverAuth = false;
        IssuedCertificate signing = authority.issue(request);
        signer = std::make_unique<JwtSigner>(signing.privateKeyPem,
                                             std::vector<std::string>{signing.certificateDer});
        OPENSSL_cleanse(signing.privateKeyPem.data(), signing.privateKeyPem.size());
    }

    std::string token(const std::string& subject, const std::vector<ScopeRequest>& granted) {
        auto now = std::chrono::system_clock::now();
        long long epoch =
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        nlohmann::json access = nlohmann::json::array();
        for (const auto& scope : granted) {
            access.push_back(
                {{"type", scope.type}, {"name", scope.name}, {"actions", scope.actions}});
        }
        nlohmann::json claims = {
            {"iss", options.issuer},           {"sub", subject},   {"aud", options.service},
            {"exp", epoch + kLifetimeSeconds}, {"nbf", epoch - 1}, {"iat", epoch},
            {"jti", randomAlphanumeric(16)},   {"access", access}};
        return signer->sign(claims);
    }
};

class TokenHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit TokenHandler(Issuer& issuer) : issuer_(issuer) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        ++issuer_.requests;
        try {
            handle(request, response);
        } catch (const std::exception&) {  // bad URI encoding, non-UTF-8 scope, ...
            if (!response.sent()) {
                answer(response, HTTPResponse::HTTP_BAD_REQUEST,
                       error("BAD_REQUEST", "unreadable request"));
            }
        }
    }

  private:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
        Poco::URI uri(request.getURI());
        if (uri.getPath() != "/token" || request.getMethod() != "GET") {
            return answer(response, HTTPResponse::HTTP_NOT_FOUND,
                          error("NOT_FOUND", "no such endpoint"));
        }
        std::vector<ScopeRequest> scopes;
        try {
            for (const auto& [name, value] : uri.getQueryParameters()) {
                if (name == "scope") scopes.push_back(parseScope(value));
            }
        } catch (const std::invalid_argument& e) {
            return answer(response, HTTPResponse::HTTP_BAD_REQUEST,
                          error("INVALID_SCOPE", e.what()));
        }
        std::string subject;
        if (request.hasCredentials()) {
            if (!credentialsMatch(request)) {
                response.set("WWW-Authenticate", "Basic realm=\"signet-test-token-server\"");
                return answer(response, HTTPResponse::HTTP_UNAUTHORIZED,
                              error("UNAUTHORIZED", "wrong username or password"));
            }
            subject = issuer_.options.credentials.username;
        } else {
            scopes.clear();  // anonymous: a valid token that grants nothing
        }
        auto now = std::chrono::system_clock::now();
        std::string token = issuer_.token(subject, scopes);
        nlohmann::json body = {{"token", token},
                               {"access_token", token},
                               {"expires_in", kLifetimeSeconds},
                               {"issued_at", rfc3339(now)}};
        answer(response, HTTPResponse::HTTP_OK, body);
    }

    bool credentialsMatch(Poco::Net::HTTPServerRequest& request) const {
        try {
            Poco::Net::HTTPBasicCredentials basic(request);
            return sameSecret(basic.getUsername(), issuer_.options.credentials.username) &&
                   sameSecret(basic.getPassword(), issuer_.options.credentials.password);
        } catch (const Poco::Exception&) {
            return false;  // not Basic, or not decodable
        }
    }

    static nlohmann::json error(const std::string& code, const std::string& message) {
        return {{"errors", {{{"code", code}, {"message", message}}}}};
    }

    static void answer(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                       const nlohmann::json& body) {
        std::string text = body.dump();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(text.size()));
        response.send() << text;
    }

    Issuer& issuer_;
};

class TokenHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit TokenHandlerFactory(Issuer& issuer) : issuer_(issuer) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new TokenHandler(issuer_);
    }

  private:
    Issuer& issuer_;
};

}  // namespace

ScopeRequest parseScope(const std::string& scope) {
    size_t first = scope.find(':');
    size_t last = scope.rfind(':');
    if (first == std::string::npos || last == first) {
        throw std::invalid_argument("scope \"" + scope + "\" is not TYPE:NAME:ACTIONS");
    }
    return {scope.substr(0, first), scope.substr(first + 1, last - first - 1),
            splitActions(scope.substr(last + 1))};
}

namespace {

Poco::Net::ServerSocket listeningSocket(const TokenServerOptions& options) {
    Poco::Net::SocketAddress address("127.0.0.1", 0);
    if (options.tlsCertificateFile.empty() || options.tlsKeyFile.empty())
        return Poco::Net::ServerSocket(address);
    Poco::Net::Context::Params params;
    params.certificateFile = options.tlsCertificateFile;
    params.privateKeyFile = options.tlsKeyFile;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = false;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    return Poco::Net::SecureServerSocket(address, 64, context);
}

}  // namespace

struct TokenServer::State {
    Issuer issuer;
    Poco::ThreadPool threads{1, 4};  // own pool: joinAll() in the destructor waits for handlers
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;
    explicit State(TokenServerOptions options) : issuer(std::move(options)) {}
};

TokenServer::TokenServer(TokenServerOptions options)
    : state_(std::make_unique<State>(std::move(options))) {
    Poco::Net::ServerSocket socket = listeningSocket(state_->issuer.options);
    state_->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    params->setKeepAlive(false);
    state_->server = std::make_unique<Poco::Net::HTTPServer>(
        new TokenHandlerFactory(state_->issuer), state_->threads, socket, params);
    state_->server->start();
}

TokenServer::~TokenServer() {
    state_->server->stopAll(true);
    state_->threads.joinAll();
}

std::string TokenServer::realm() const {
    bool tls = !state_->issuer.options.tlsCertificateFile.empty();
    return (tls ? "https://" : "http://") + host() + "/token";
}
std::string TokenServer::host() const {
    return "127.0.0.1:" + std::to_string(state_->port);
}
const std::string& TokenServer::service() const {
    return state_->issuer.options.service;
}
const std::string& TokenServer::issuer() const {
    return state_->issuer.options.issuer;
}
std::string TokenServer::rootCertificatePem() const {
    return state_->issuer.authority.certificatePem();
}
int TokenServer::requests() const {
    return state_->issuer.requests.load();
}

}  // namespace signet::testing
