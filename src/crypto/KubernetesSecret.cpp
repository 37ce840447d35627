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
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdlib>
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

// `writing`: the refusal names what a write needs (create/update) instead of get.
void checkStatus(int status, const std::string& what, const std::string& keyRef,
                 bool writing = false) {
    if (status == 200 || (writing && status == 201)) return;
    std::string code = " (HTTP " + std::to_string(status) + ")";
    if (status == 401 || status == 403) {
        fail(ErrorKind::Auth, keyRef,
             std::string("the Kubernetes API refused to ") + (writing ? "write " : "read ") + what +
                 code + ": check the token and that it may " +
                 (writing ? "create and update" : "get") + " secrets");
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

struct ApiAnswer {
    int status = 0;
    std::string body;  // may hold a Secret's data: wiped when the answer goes
    ApiAnswer() = default;
    ApiAnswer(ApiAnswer&&) = default;
    ApiAnswer& operator=(ApiAnswer&& other) noexcept {
        OPENSSL_cleanse(body.data(), body.size());
        status = other.status;
        body = std::move(other.body);
        return *this;
    }
    ~ApiAnswer() { OPENSSL_cleanse(body.data(), body.size()); }
};

// One call to the API server: `method` on `path` (below the server's own path) with a JSON body,
// bounded by `deadline` whatever the server sends (or does not): connect, TLS handshake, request
// and every read of the answer.
ApiAnswer call(const KubernetesConfig& config, const std::string& method, const std::string& path,
               SecretBytes body, const std::string& what, const std::string& keyRef,
               const net::Deadline& deadline) {
    Poco::URI server = serverUri(config, keyRef);
    std::string target = server.getPath();
    if (!target.empty() && target.back() == '/') target.pop_back();
    target += path;
    if (deadline.passed()) timedOut(deadline, what, keyRef);
    auto session = openSession(config, server, keyRef);
    auto watch = net::bindToDeadline(*session, deadline, kPerRequestLimit);
    ApiAnswer answer;
    try {
        Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/json");
        if (!config.token.empty()) {
            request.set("Authorization", "Bearer " + std::string(config.token.view()));
        }
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        std::ostream& out = session->sendRequest(request);
        out.write(body.view().data(), static_cast<std::streamsize>(body.size()));
        out.flush();
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        answer.status = static_cast<int>(response.getStatus());
        std::ostringstream copy;
        Poco::StreamCopier::copyStream(in, copy);
        answer.body = copy.str();
    } catch (const Poco::Exception& e) {
        if (watch.fired() || deadline.passed()) timedOut(deadline, what, keyRef);
        failUnreachable(e, config, server, what, keyRef);
    }
    // A connection the watchdog shut down mid-answer reads as a short body, not as an error.
    if (watch.fired()) timedOut(deadline, what, keyRef);
    return answer;
}

std::string secretPath(const std::string& ns, const std::string& name) {
    return "/api/v1/namespaces/" + ns + "/secrets" + (name.empty() ? "" : "/" + name);
}

// cosign sets Immutable on Secrets it creates when the server is Kubernetes 1.21 or later.
bool immutableSecretsSupported(const KubernetesConfig& config, const std::string& keyRef,
                               const net::Deadline& deadline) {
    ApiAnswer answer = call(config, "GET", "/version", {}, "the server version", keyRef, deadline);
    checkStatus(answer.status, "the server version", keyRef);
    auto version = nlohmann::json::parse(answer.body, nullptr, false);
    if (!version.is_object() || !version.value("major", nlohmann::json()).is_string() ||
        !version.value("minor", nlohmann::json()).is_string()) {
        fail(ErrorKind::Key, keyRef, "the Kubernetes API's /version answer has no major/minor");
    }
    const std::string major = version["major"], minor = version["minor"];
    const int majorNumber = std::atoi(major.c_str()), minorNumber = std::atoi(minor.c_str());
    return majorNumber > 1 || (majorNumber == 1 && minorNumber >= 21);
}

// The Secret object's JSON: metadata, the data base64-encoded, Immutable as cosign sets it.
SecretBytes secretBody(const std::string& ns, const std::string& name,
                       const std::map<std::string, SecretBytes>& data, bool immutable,
                       const std::string& resourceVersion) {
    nlohmann::json object = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"type", "Opaque"}};
    object["metadata"] = {{"name", name}, {"namespace", ns}};
    if (!resourceVersion.empty()) object["metadata"]["resourceVersion"] = resourceVersion;
    object["data"] = nlohmann::json::object();
    for (const auto& [key, value] : data) object["data"][key] = base64Encode(value.view());
    if (immutable) object["immutable"] = true;
    std::string text = object.dump();
    SecretBytes body(text);
    OPENSSL_cleanse(text.data(), text.size());
    for (auto& [key, value] : object["data"].items()) {
        auto& encoded = value.get_ref<std::string&>();
        OPENSSL_cleanse(encoded.data(), encoded.size());
    }
    return body;
}

std::string resourceVersionOf(const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object() || !json.contains("metadata") || !json["metadata"].is_object()) return "";
    return json["metadata"].value("resourceVersion", "");
}

}  // namespace

std::map<std::string, SecretBytes> readKubernetesSecret(const KubernetesConfig& config,
                                                        const std::string& ns,
                                                        const std::string& name,
                                                        const std::string& keyRef,
                                                        const net::Deadline& deadline) {
    const std::string what = "Secret " + ns + "/" + name;
    ApiAnswer answer = call(config, "GET", secretPath(ns, name), {}, what, keyRef, deadline);
    checkStatus(answer.status, what, keyRef);
    return parseSecretData(answer.body, keyRef);
}

SecretWrite writeKubernetesSecret(const KubernetesConfig& config, const std::string& ns,
                                  const std::string& name,
                                  const std::map<std::string, SecretBytes>& data, bool replace,
                                  const std::string& keyRef, const net::Deadline& deadline) {
    const std::string what = "Secret " + ns + "/" + name;
    const bool immutable = immutableSecretsSupported(config, keyRef, deadline);
    ApiAnswer existing = call(config, "GET", secretPath(ns, name), {}, what, keyRef, deadline);
    if (existing.status == 404) {
        ApiAnswer created = call(config, "POST", secretPath(ns, ""),
                                 secretBody(ns, name, data, immutable, ""), what, keyRef, deadline);
        if (created.status != 409) {  // 409: made meanwhile, so it is an existing Secret
            checkStatus(created.status, what, keyRef, true);
            return SecretWrite::Created;
        }
        existing = {};
    } else {
        checkStatus(existing.status, what, keyRef);
    }
    if (!replace) {
        fail(ErrorKind::Usage, keyRef,
             what +
                 " already exists: pass --force to replace its cosign.key, cosign.pub and "
                 "cosign.password");
    }
    if (existing.body.empty()) {
        existing = call(config, "GET", secretPath(ns, name), {}, what, keyRef, deadline);
        checkStatus(existing.status, what, keyRef);
    }
    // As cosign: the Secret's other data stays, the three keys are replaced.
    const std::string version = resourceVersionOf(existing.body);
    std::map<std::string, SecretBytes> merged = parseSecretData(existing.body, keyRef);
    for (const auto& [key, value] : data) merged[key] = value;
    ApiAnswer updated =
        call(config, "PUT", secretPath(ns, name), secretBody(ns, name, merged, immutable, version),
             what, keyRef, deadline);
    if (updated.status == 422) {
        fail(ErrorKind::Usage, keyRef,
             what +
                 " is immutable and cannot be replaced: delete it first (kubectl delete "
                 "secret -n " +
                 ns + " " + name + ")");
    }
    checkStatus(updated.status, what, keyRef, true);
    return SecretWrite::Replaced;
}

}  // namespace signet::crypto
