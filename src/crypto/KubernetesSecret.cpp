#include "crypto/KubernetesSecret.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/Encoding.h"
#include "crypto/KeyAlgorithm.h"
#include "error/Error.h"
#include "net/BoundedSession.h"
#include "net/CaBundle.h"
#include "net/Deadline.h"
#include "net/VerifiedTls.h"

namespace signet::crypto {
namespace {

// No single connect, send or receive of the API call waits longer than this.
constexpr std::chrono::milliseconds kPerRequestLimit{30000};

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
struct X509Free {
    void operator()(X509* cert) const { X509_free(cert); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

BioPtr memoryBio(std::string_view bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

[[noreturn]] void fail(ErrorKind kind, const std::string& keyRef, const std::string& reason) {
    throw Error(kind, "key reference " + keyRef + ": " + reason);
}

void useClientCertificate(SSL_CTX* ctx, const KubernetesConfig& config, const std::string& keyRef) {
    BioPtr certBio = memoryBio(config.clientCertPem.view());
    X509Ptr cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    BioPtr keyBio = memoryBio(config.clientKeyPem.view());
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    bool ok = cert && key && SSL_CTX_use_certificate(ctx, cert.get()) == 1 &&
              SSL_CTX_use_PrivateKey(ctx, key.get()) == 1;
    ERR_clear_error();
    if (!ok) fail(ErrorKind::Config, keyRef, "the Kubernetes client certificate or key is invalid");
}

Poco::Net::Context::Ptr tlsContext(const KubernetesConfig& config, const Poco::URI& server,
                                   const std::string& keyRef) {
    if (!config.caPem.empty() && !net::holdsCertificate(config.caPem))
        fail(ErrorKind::Config, keyRef, "the Kubernetes CA data holds no certificate");
    Poco::Net::Context::Ptr context =
        net::verifyingClientContext(server.getHost(), {config.caPem, config.caPem.empty()});
    if (!config.clientCertPem.empty()) useClientCertificate(context->sslContext(), config, keyRef);
    return context;
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const KubernetesConfig& config,
                                                          const Poco::URI& server,
                                                          const std::string& keyRef) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (server.getScheme() == "https") {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPSClientSession>>(
            server.getHost(), server.getPort(), tlsContext(config, server, keyRef));
    } else if (server.getScheme() == "http") {
        session = std::make_unique<net::BoundedSession<Poco::Net::HTTPClientSession>>(
            server.getHost(), server.getPort());
    } else {
        fail(ErrorKind::Config, keyRef,
             "the Kubernetes server " + server.toString() + " is not an http(s) URL");
    }
    return session;
}

void checkStatus(int status, const std::string& what, const std::string& keyRef) {
    if (status == 200) return;
    std::string code = " (HTTP " + std::to_string(status) + ")";
    if (status == 401 || status == 403) {
        fail(ErrorKind::Auth, keyRef,
             "the Kubernetes API refused to read " + what + code +
                 ": check the token and that it may get secrets");
    }
    if (status == 404) fail(ErrorKind::NotFound, keyRef, what + " does not exist" + code);
    fail(ErrorKind::Key, keyRef, "the Kubernetes API answered" + code + " for " + what);
}

std::map<std::string, SecretBytes> parseSecretData(std::string& body, const std::string& keyRef) {
    auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    OPENSSL_cleanse(body.data(), body.size());
    if (json.is_discarded() || !json.is_object()) {
        fail(ErrorKind::Key, keyRef, "the Kubernetes API answer is not a Secret object");
    }
    std::map<std::string, SecretBytes> data;
    if (!json.contains("data") || json["data"].is_null()) return data;
    if (!json["data"].is_object())
        fail(ErrorKind::Key, keyRef, "the Secret's data is not an object");
    for (auto& [key, value] : json["data"].items()) {
        auto decoded = value.is_string() ? base64Decode(value.get<std::string>()) : std::nullopt;
        if (!decoded)
            fail(ErrorKind::Key, keyRef, "the Secret's data key " + key + " is not base64");
        data.emplace(key, SecretBytes(*decoded));
        OPENSSL_cleanse(decoded->data(), decoded->size());
    }
    return data;
}

[[noreturn]] void timedOut(const net::Deadline& deadline, const std::string& what,
                           const std::string& keyRef) {
    throw net::deadlinePassed(
        deadline, "key reference " + keyRef + ": reading " + what + " from the Kubernetes API");
}

[[noreturn]] void failUnreachable(const Poco::Exception& e, const KubernetesConfig& config,
                                  const Poco::URI& server, const std::string& what,
                                  const std::string& keyRef) {
    if (dynamic_cast<const Poco::Net::SSLException*>(&e)) {
        fail(ErrorKind::Network, keyRef,
             "cannot read " + what + " from the Kubernetes API: " +
                 net::describeTlsFailure(server.getHost(), server.getPort(), e,
                                         "check the cluster's certificate-authority"));
    }
    fail(ErrorKind::Network, keyRef,
         "cannot read " + what + " from the Kubernetes API at " + config.server + ": " +
             e.displayText());
}

Poco::URI serverUri(const KubernetesConfig& config, const std::string& keyRef) {
    try {
        Poco::URI server(config.server);
        if (server.getHost().empty()) throw Poco::SyntaxException("no host");
        return server;
    } catch (const Poco::Exception& e) {
        fail(ErrorKind::Config, keyRef,
             "the Kubernetes server \"" + config.server + "\" is not a URL: " + e.displayText());
    }
}

}  // namespace

std::map<std::string, SecretBytes> readKubernetesSecret(const KubernetesConfig& config,
                                                        const std::string& ns,
                                                        const std::string& name,
                                                        const std::string& keyRef,
                                                        const net::Deadline& deadline) {
    Poco::URI server = serverUri(config, keyRef);
    std::string what = "Secret " + ns + "/" + name;
    std::string path = server.getPath();
    if (!path.empty() && path.back() == '/') path.pop_back();
    path += "/api/v1/namespaces/" + ns + "/secrets/" + name;
    std::string body;
    int status = 0;
    if (deadline.passed()) timedOut(deadline, what, keyRef);
    auto session = openSession(config, server, keyRef);
    // The deadline ends the call whatever the API server sends (or does not): connect, TLS
    // handshake, request and every read of the answer.
    auto watch = net::bindToDeadline(*session, deadline, kPerRequestLimit);
    try {
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/json");
        if (!config.token.empty()) {
            request.set("Authorization", "Bearer " + std::string(config.token.view()));
        }
        session->sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        status = static_cast<int>(response.getStatus());
        std::ostringstream out;
        Poco::StreamCopier::copyStream(in, out);
        body = out.str();
    } catch (const Poco::Exception& e) {
        if (watch.fired() || deadline.passed()) timedOut(deadline, what, keyRef);
        failUnreachable(e, config, server, what, keyRef);
    }
    // A connection the watchdog shut down mid-answer reads as a short body, not as an error.
    if (watch.fired()) timedOut(deadline, what, keyRef);
    checkStatus(status, what, keyRef);
    return parseSecretData(body, keyRef);
}

}  // namespace signet::crypto
