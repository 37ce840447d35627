#include "sigstore/Fulcio.h"

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sigstore/ServiceError.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxAnswer = 1024 * 1024;

std::string requestBody(const IdentityToken& token, const crypto::PublicKey& key,
                        const std::string& proof) {
    nlohmann::json body;
    body["credentials"]["oidcIdentityToken"] = token.compact;
    body["publicKeyRequest"]["publicKey"] = {{"algorithm", "ECDSA"}, {"content", key.pkixPem()}};
    body["publicKeyRequest"]["proofOfPossession"] = crypto::base64Encode(proof);
    return body.dump();
}

std::vector<crypto::Certificate> chainOf(const std::string& answer, const std::string& what) {
    const auto parsed = nlohmann::json::parse(answer, nullptr, false);
    if (!parsed.is_object()) throw Error(ErrorKind::Registry, what + ": the answer is not JSON");
    if (parsed.contains("signedCertificateDetachedSct"))
        throw Error(ErrorKind::Registry,
                    what +
                        ": answered with a detached SCT; signet needs the SCT embedded in "
                        "the certificate");
    const auto& chain = parsed.value("signedCertificateEmbeddedSct", nlohmann::json::object())
                            .value("chain", nlohmann::json::object())
                            .value("certificates", nlohmann::json::array());
    std::string pem;
    for (const auto& item : chain)
        if (item.is_string()) pem += item.get<std::string>();
    try {
        return crypto::Certificate::chainFromPem(pem, what);
    } catch (const Error& e) {
        throw Error(ErrorKind::Registry, e.what());
    }
}

}  // namespace

FulcioClient::FulcioClient(oci::HttpTransport& transport, Poco::URI base)
    : transport_(transport), base_(std::move(base)) {}

std::vector<crypto::Certificate> FulcioClient::signingCertificate(const IdentityToken& token,
                                                                  const crypto::PublicKey& key,
                                                                  const std::string& proof,
                                                                  const net::Deadline& deadline,
                                                                  std::atomic<int>* retries) {
    oci::HttpRequest post;
    post.method = "POST";
    post.uri = base_;
    std::string path = base_.getPath();
    while (!path.empty() && path.back() == '/') path.pop_back();
    post.uri.setPath(path + "/api/v2/signingCert");
    post.uri.setQuery("");
    post.headers = {{"Content-Type", "application/json"},
                    {"Accept", "application/json"},
                    {"Authorization", "Bearer " + token.compact}};
    post.body = requestBody(token, key, proof);
    post.deadline = deadline;
    post.retryCount = retries;
    const std::string what = "fulcio " + oci::describeUri(post.uri);
    const oci::HttpResponse answer = transport_.send(post, kMaxAnswer);
    if (answer.status == 400 || answer.status == 401 || answer.status == 403) {
        const Error refused =
            serviceError(what + " refused the identity token from " + token.source, answer);
        throw Error(ErrorKind::Auth, refused.what());
    }
    if (answer.status != 201 && answer.status != 200)
        throw serviceError("asking " + what + " for a certificate", answer);
    return chainOf(answer.body, what);
}

}  // namespace signet::sigstore
