#include "sigstore/ServiceError.h"

namespace signet::sigstore {

Error serviceError(const std::string& operation, const oci::HttpResponse& response) {
    ErrorKind kind = ErrorKind::Registry;
    if (response.status == 429) kind = ErrorKind::RateLimit;
    if (response.status == 408 || response.status >= 500) kind = ErrorKind::Unavailable;
    // A text excerpt only: a binary body (a DER reply) would garble the one-line message.
    std::string excerpt;
    for (char c : response.body.substr(0, 200)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte != '\n' && byte != '\r' && byte != '\t' && (byte < 0x20 || byte >= 0x7f)) {
            excerpt.clear();
            break;
        }
        excerpt += byte < 0x20 ? ' ' : c;
    }
    std::string message =
        operation + ": " + std::to_string(response.status) + " " + response.reason;
    if (!excerpt.empty()) message += ": " + excerpt;
    return Error(kind, message);
}

}  // namespace signet::sigstore
