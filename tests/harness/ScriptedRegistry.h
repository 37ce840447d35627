// ScriptedRegistry: a local Poco HTTP server on 127.0.0.1 that answers with scripted replies.
// It stands in for a misbehaving registry (5xx, 429, garbage bodies, odd Locations), which the
// real docker-registry cannot be made to produce.
#pragma once

#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace signet::oci::testing {

struct RecordedRequest {
    std::string method;
    std::string uri;  // path and query as sent
    std::map<std::string, std::string> headers;
    std::string body;
};

struct ScriptedReply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

class ScriptedRegistry {
  public:
    // `script` sees each request (and its 0-based index) and returns the reply.
    using Script = std::function<ScriptedReply(const RecordedRequest&, int index)>;

    // `keepAlive`: how long the server keeps an idle connection open.
    explicit ScriptedRegistry(Script script,
                              std::chrono::milliseconds keepAlive = std::chrono::seconds(10));
    ~ScriptedRegistry();

    std::string host() const;  // "127.0.0.1:PORT"
    std::vector<RecordedRequest> requests() const;
    int count() const;

    struct State;  // shared with the request handlers

  private:
    std::shared_ptr<State> state_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace signet::oci::testing
