#include "sigstore/TimestampAuthority.h"

#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

#include "crypto/Encoding.h"
#include "crypto/RandomBytes.h"
#include "error/Error.h"
#include "sigstore/ServiceError.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxReply = 256 * 1024;

template <typename T, void (*Free)(T*)>
struct Freer {
    void operator()(T* p) const { Free(p); }
};
using TsReq = std::unique_ptr<TS_REQ, Freer<TS_REQ, TS_REQ_free>>;
using TsResp = std::unique_ptr<TS_RESP, Freer<TS_RESP, TS_RESP_free>>;
using TsVerify = std::unique_ptr<TS_VERIFY_CTX, Freer<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;
using TsImprint = std::unique_ptr<TS_MSG_IMPRINT, Freer<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>>;
using Algor = std::unique_ptr<X509_ALGOR, Freer<X509_ALGOR, X509_ALGOR_free>>;
using Integer = std::unique_ptr<ASN1_INTEGER, Freer<ASN1_INTEGER, ASN1_INTEGER_free>>;
using Bignum = std::unique_ptr<BIGNUM, Freer<BIGNUM, BN_free>>;
using Certificate = std::unique_ptr<X509, Freer<X509, X509_free>>;

std::string openSslReason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "rejected";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

TsResp parseReply(const std::string& response) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(response.data());
    TsResp parsed(d2i_TS_RESP(nullptr, &cursor, static_cast<long>(response.size())));
    ERR_clear_error();
    return parsed;
}

Integer nonceInteger(const std::string& nonce) {
    Bignum number(BN_bin2bn(reinterpret_cast<const unsigned char*>(nonce.data()),
                            static_cast<int>(nonce.size()), nullptr));
    return Integer(number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr);
}

// A verification context over sha256(data): the imprint always, `flags` on top.
TsVerify contextFor(const std::string& data, int flags) {
    TsVerify context(TS_VERIFY_CTX_new());
    const std::string digest = crypto::sha256(data);
    auto* imprint = static_cast<unsigned char*>(OPENSSL_malloc(digest.size()));
    if (!context || !imprint) throw Error(ErrorKind::Internal, "out of memory");
    std::copy(digest.begin(), digest.end(), imprint);
    TS_VERIFY_CTX_set_imprint(context.get(), imprint, static_cast<long>(digest.size()));
    TS_VERIFY_CTX_set_flags(context.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | flags);
    return context;
}

Certificate certificateOf(const std::string& der) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    return Certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
}

// Empty when `reply` verifies with `chain` (root last, trusted; the others untrusted).
std::string chainProblem(TS_RESP* reply, const std::string& data, const AuthorityChain& chain,
                         std::time_t stamped) {
    TsVerify context = contextFor(data, TS_VFY_SIGNATURE);
    X509_STORE* store = X509_STORE_new();
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    if (!store || !untrusted) {
        X509_STORE_free(store);
        sk_X509_free(untrusted);
        throw Error(ErrorKind::Internal, "out of memory");
    }
    // The chain is judged at the time it stamped, as sigstore-go does, not at today's date.
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store), stamped);
    TS_VERIFY_CTX_set_store(context.get(), store);
    TS_VERIFY_CTS_set_certs(context.get(), untrusted);
    for (std::size_t i = 0; i < chain.certificates.size(); ++i) {
        Certificate certificate = certificateOf(chain.certificates[i]);
        if (!certificate)
            return "a certificate of timestamp authority " + chain.uri + " is not DER";
        if (i + 1 == chain.certificates.size())
            X509_STORE_add_cert(store, certificate.get());
        else
            sk_X509_push(untrusted, certificate.release());
    }
    if (TS_RESP_verify_response(context.get(), reply) != 1) return openSslReason();
    return "";
}

std::time_t stampedTime(TS_RESP* reply) {
    TS_TST_INFO* info = TS_RESP_get_tst_info(reply);
    const ASN1_GENERALIZEDTIME* time = info ? TS_TST_INFO_get_time(info) : nullptr;
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
    return timegm(&tm);
}

}  // namespace

std::string timestampRequest(const std::string& data, const std::string& nonce) {
    TsReq request(TS_REQ_new());
    TsImprint imprint(TS_MSG_IMPRINT_new());
    Algor algorithm(X509_ALGOR_new());
    Integer number = nonceInteger(nonce);
    if (!request || !imprint || !algorithm || !number)
        throw Error(ErrorKind::Internal, "OpenSSL could not build a timestamp request");
    X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
    const std::string digest = crypto::sha256(data);
    TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get());
    TS_MSG_IMPRINT_set_msg(imprint.get(),
                           reinterpret_cast<unsigned char*>(const_cast<char*>(digest.data())),
                           static_cast<int>(digest.size()));
    TS_REQ_set_version(request.get(), 1);
    TS_REQ_set_msg_imprint(request.get(), imprint.get());
    TS_REQ_set_nonce(request.get(), number.get());
    TS_REQ_set_cert_req(request.get(), 1);
    unsigned char* der = nullptr;
    const int length = i2d_TS_REQ(request.get(), &der);
    if (length <= 0)
        throw Error(ErrorKind::Internal, "OpenSSL could not encode a timestamp request");
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

std::string timestampReplyProblem(const std::string& response, const std::string& data,
                                  const std::string& nonce) {
    TsResp reply = parseReply(response);
    if (!reply) return "the timestamp reply is not a DER TimeStampResp";
    TsVerify context = contextFor(data, 0);
    if (TS_RESP_verify_response(context.get(), reply.get()) != 1)
        return "the timestamp reply does not match the request: " + openSslReason();
    if (!nonce.empty()) {  // OpenSSL 3.0 has no setter for TS_VFY_NONCE's nonce: compared here
        const ASN1_INTEGER* answered = TS_TST_INFO_get_nonce(TS_RESP_get_tst_info(reply.get()));
        if (!answered || ASN1_INTEGER_cmp(answered, nonceInteger(nonce).get()) != 0)
            return "the timestamp reply does not carry the request's nonce";
    }
    return "";
}

std::string timestampProblem(const std::string& response, const std::string& data,
                             const TrustedRoot& root, std::time_t* when) {
    TsResp reply = parseReply(response);
    if (!reply) return "the timestamp is not a DER TimeStampResp";
    if (root.timestampAuthorities.empty()) return "the trusted root lists no timestamp authority";
    std::string reasons;
    const std::time_t stamped = stampedTime(reply.get());
    if (stamped == 0) return "the timestamp reply carries no granted token";
    for (const auto& chain : root.timestampAuthorities) {
        std::string problem = chainProblem(reply.get(), data, chain, stamped);
        if (problem.empty() && !chain.validFor.contains(stamped))
            problem = "stamped outside the validity of timestamp authority " + chain.uri;
        if (problem.empty()) {
            if (when) *when = stamped;
            return "";
        }
        reasons += (reasons.empty() ? "" : "; ") + problem;
    }
    return "the timestamp does not verify with the trusted root's authorities: " + reasons;
}

TsaClient::TsaClient(oci::HttpTransport& transport, Poco::URI endpoint)
    : transport_(transport), endpoint_(std::move(endpoint)) {}

std::string TsaClient::stamp(const std::string& data, const net::Deadline& deadline,
                             std::atomic<int>* retries) {
    const std::string nonce = crypto::randomBytes(8);
    oci::HttpRequest post;
    post.method = "POST";
    post.uri = endpoint_;
    post.headers = {{"Content-Type", "application/timestamp-query"},
                    {"Accept", "application/timestamp-reply"}};
    post.body = timestampRequest(data, nonce);
    post.deadline = deadline;
    post.retryCount = retries;
    const std::string what = "timestamp authority " + oci::describeUri(endpoint_);
    const oci::HttpResponse answer = transport_.send(post, kMaxReply);
    // 200 by RFC 3161's HTTP binding; Sigstore's timestamp-authority answers 201.
    if (answer.status != 200 && answer.status != 201) throw serviceError("asking " + what, answer);
    const std::string problem = timestampReplyProblem(answer.body, data, nonce);
    if (!problem.empty()) throw Error(ErrorKind::Registry, what + ": " + problem);
    return answer.body;
}

}  // namespace signet::sigstore
