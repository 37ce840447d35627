// EchoingProxy: a plain-HTTP proxy on 127.0.0.1 in front of a real registry that, like some
// registries in the wild, quotes the request's Authorization header in its error bodies.
// HEAD requests and requests without Authorization go to the registry (so its 401 challenges
// and manifest lookups are real; a HEAD answer has no body to echo in); any other request with
// Authorization is answered 400 (JSON errors) or 500 (text) with a body quoting the header. With
// `echoTokenRequests`, Bearer challenges point at the proxy's own /token, which answers 400
// quoting the Authorization header and the request body (an OAuth2 refresh_token form).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace signet::testing {

struct EchoingProxyOptions {
    std::string upstream;  // "127.0.0.1:PORT" of the registry (plain HTTP)
    bool echoTokenRequests = false;
    bool jsonErrors = true;  // the registry's {"errors":[…]} format, else a text/plain body
};

class EchoingProxy {
  public:
    explicit EchoingProxy(EchoingProxyOptions options);
    ~EchoingProxy();  // stops the server and its threads
    EchoingProxy(const EchoingProxy&) = delete;
    EchoingProxy& operator=(const EchoingProxy&) = delete;

    std::string host() const;  // "127.0.0.1:PORT"
    // Every Authorization value the proxy received and echoed, in order.
    std::vector<std::string> echoedAuthorizations() const;
    // Every token-request body it echoed (echoTokenRequests).
    std::vector<std::string> echoedTokenBodies() const;

    struct State;  // shared with the request handlers

  private:
    std::shared_ptr<State> state_;
};

}  // namespace signet::testing
