#include "harness/RegistryProbe.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>

#include <memory>

namespace signet::testing {
namespace {

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(int port, bool tls) {
    auto p = static_cast<Poco::UInt16>(port);
    if (!tls) return std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", p);
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                             Poco::Net::Context::VERIFY_NONE);
    context->enableExtendedCertificateVerification(false);
    return std::make_unique<Poco::Net::HTTPSClientSession>("127.0.0.1", p, context);
}

}  // namespace

int probeRegistry(int port, bool tls) {
    try {
        auto session = sessionFor(port, tls);
        session->setTimeout(Poco::Timespan(2, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/v2/",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session->sendRequest(request);
        Poco::Net::HTTPResponse response;
        session->receiveResponse(response);
        if (response.get("Docker-Distribution-Api-Version", "") != "registry/2.0") return -1;
        return static_cast<int>(response.getStatus());
    } catch (const Poco::Exception&) {
        return -1;
    } catch (const std::exception&) {
        return -1;
    }
}

}  // namespace signet::testing
