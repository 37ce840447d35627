#include "harness/ScriptedRegistry.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace signet::oci::testing {

struct ScriptedRegistry::State {
    Script script;
    mutable std::mutex mutex;
    std::vector<RecordedRequest> requests;
};

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(std::shared_ptr<ScriptedRegistry::State> state) : state_(std::move(state)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        if (request.getMethod() == "GET" && request.getURI() == "/v2/") {
            // The API version check (and signet's plain-HTTP probe) is answered, not recorded.
            response.setContentLength(2);
            response.send() << "{}";
            return;
        }
        RecordedRequest recorded;
        recorded.method = request.getMethod();
        recorded.uri = request.getURI();
        for (const auto& [name, value] : request) recorded.headers[name] = value;
        Poco::StreamCopier::copyToString(request.stream(), recorded.body);
        int index = 0;
        {
            std::lock_guard<std::mutex> lock(state_->mutex);
            index = static_cast<int>(state_->requests.size());
            state_->requests.push_back(recorded);
        }
        ScriptedReply reply = state_->script(recorded, index);
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
        for (const auto& [name, value] : reply.headers) response.set(name, value);
        response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
        std::ostream& out = response.send();
        if (recorded.method != "HEAD") out << reply.body;
    }

  private:
    std::shared_ptr<ScriptedRegistry::State> state_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(std::shared_ptr<ScriptedRegistry::State> state) : state_(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(state_);
    }

  private:
    std::shared_ptr<ScriptedRegistry::State> state_;
};

}  // namespace

ScriptedRegistry::ScriptedRegistry(Script script, std::chrono::milliseconds keepAlive)
    : state_(std::make_shared<State>()) {
    state_->script = std::move(script);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(keepAlive.count() * 1000));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(state_), socket, params);
    server_->start();
}

ScriptedRegistry::~ScriptedRegistry() {
    server_->stopAll(true);
}

std::string ScriptedRegistry::host() const {
    return "127.0.0.1:" + std::to_string(server_->port());
}

std::vector<RecordedRequest> ScriptedRegistry::requests() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->requests;
}

int ScriptedRegistry::count() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return static_cast<int>(state_->requests.size());
}

}  // namespace signet::oci::testing
