#include "harness/EchoingProxy.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace signet::testing {

struct EchoingProxy::State {
    EchoingProxyOptions options;
    std::string self;  // "127.0.0.1:PORT" once listening
    mutable std::mutex mutex;
    std::vector<std::string> authorizations;
    std::vector<std::string> tokenBodies;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

void answer(HTTPServerResponse& response, int status, const std::string& contentType,
            const std::string& body) {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType(contentType);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

class Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(std::shared_ptr<EchoingProxy::State> state) : state_(std::move(state)) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        const std::string authorization = request.get("Authorization", "");
        if (state_->options.echoTokenRequests && request.getURI().rfind("/token", 0) == 0) {
            echoTokenRequest(authorization, body, response);
        } else if (!authorization.empty() && request.getMethod() != "HEAD") {
            echoAuthorization(request, authorization, response);
        } else {
            forward(request, body, response);
        }
    }

  private:
    void echoAuthorization(HTTPServerRequest& request, const std::string& authorization,
                           HTTPServerResponse& response) {
        {
            std::lock_guard lock(state_->mutex);
            state_->authorizations.push_back(authorization);
        }
        const std::string text = "refusing request with Authorization: " + authorization + " (" +
                                 request.getMethod() + " " + request.getURI() + ")";
        if (state_->options.jsonErrors) {
            nlohmann::json error = {
                {"errors", {{{"code", "DENIED"}, {"message", text}, {"detail", authorization}}}}};
            answer(response, 400, "application/json", error.dump());
        } else {
            answer(response, 500, "text/plain", text);
        }
    }

    void echoTokenRequest(const std::string& authorization, const std::string& body,
                          HTTPServerResponse& response) {
        {
            std::lock_guard lock(state_->mutex);
            if (!authorization.empty()) state_->authorizations.push_back(authorization);
            state_->tokenBodies.push_back(body);
        }
        // Not 404: signet must not fall back to GET, it has to report this answer.
        answer(response, 400, "text/plain",
               "bad token request (Authorization: " + authorization + ") body: " + body);
    }

    void forward(HTTPServerRequest& request, const std::string& body,
                 HTTPServerResponse& response) {
        const auto colon = state_->options.upstream.rfind(':');
        Poco::Net::HTTPClientSession session(
            state_->options.upstream.substr(0, colon),
            static_cast<Poco::UInt16>(std::stoi(state_->options.upstream.substr(colon + 1))));
        Poco::Net::HTTPRequest upstream(request.getMethod(), request.getURI(),
                                        Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [name, value] : request) {
            if (name != "Host" && name != "Connection") upstream.add(name, value);
        }
        upstream.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(upstream) << body;
        Poco::Net::HTTPResponse reply;
        std::istream& in = session.receiveResponse(reply);
        std::string replyBody;
        Poco::StreamCopier::copyToString(in, replyBody);
        response.setStatus(reply.getStatus());
        for (const auto& [name, value] : reply) {
            if (name == "Content-Length" || name == "Connection" || name == "Transfer-Encoding")
                continue;
            std::string v = value;
            if (name == "Www-Authenticate" || name == "WWW-Authenticate") v = challenge(v);
            response.add(name, v);
        }
        response.setContentLength(static_cast<std::streamsize>(replyBody.size()));
        std::ostream& out = response.send();
        if (request.getMethod() != "HEAD") out << replyBody;
    }

    // With echoTokenRequests, a Bearer challenge's realm becomes this proxy's /token.
    std::string challenge(const std::string& value) const {
        if (!state_->options.echoTokenRequests) return value;
        static const std::regex realm("realm=\"[^\"]*\"");
        return std::regex_replace(value, realm, "realm=\"http://" + state_->self + "/token\"");
    }

    std::shared_ptr<EchoingProxy::State> state_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(std::shared_ptr<EchoingProxy::State> state) : state_(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new Handler(state_);
    }

  private:
    std::shared_ptr<EchoingProxy::State> state_;
};

}  // namespace

EchoingProxy::EchoingProxy(EchoingProxyOptions options) : state_(std::make_shared<State>()) {
    state_->options = std::move(options);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    state_->self = "127.0.0.1:" + std::to_string(socket.address().port());
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setKeepAlive(true);
    state_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), socket, params);
    state_->server->start();
}

EchoingProxy::~EchoingProxy() {
    state_->server->stopAll(true);
}

std::string EchoingProxy::host() const {
    return state_->self;
}

std::vector<std::string> EchoingProxy::echoedAuthorizations() const {
    std::lock_guard lock(state_->mutex);
    return state_->authorizations;
}

std::vector<std::string> EchoingProxy::echoedTokenBodies() const {
    std::lock_guard lock(state_->mutex);
    return state_->tokenBodies;
}

}  // namespace signet::testing
