#include "oci/RegistryError.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "secret/UntrustedText.h"

namespace signet::oci {
namespace {

struct ErrorDetail {
    std::string code;
    std::string message;
    bool structured = false;
};

std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// {"errors":[{"code":"…","message":"…"}]} as the distribution spec defines it.
ErrorDetail parseErrorBody(const std::string& body) {
    ErrorDetail detail;
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object()) return detail;
    auto errors = json.find("errors");
    if (errors == json.end() || !errors->is_array() || errors->empty() || !(*errors)[0].is_object())
        return detail;
    detail.code = stringField((*errors)[0], "code");
    detail.message = stringField((*errors)[0], "message");
    detail.structured = true;
    return detail;
}

bool mentionsImmutable(const std::string& text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("immutable") != std::string::npos;
}

ErrorKind kindFor(int status, const std::string& body) {
    if (status == 401 || status == 403) return ErrorKind::Auth;
    if (status == 404) return ErrorKind::NotFound;
    if (status == 429) return ErrorKind::RateLimit;
    if (status == 413) return ErrorKind::TooLarge;
    // What the transport retries (RetryPolicy::isRetryableStatus), still failing at the end.
    if (status == 408 || (status >= 500 && status != 501)) return ErrorKind::Unavailable;
    // Harbor: 412 PRECONDITION "…configured as immutable"; ECR: 400 TAG_INVALID "…immutable".
    if (status == 412 || mentionsImmutable(body)) return ErrorKind::Immutable;
    return ErrorKind::Registry;
}

}  // namespace

Error registryError(const std::string& operation, const HttpResponse& response,
                    const std::string& host, const secret::SecretSink& secrets) {
    using secret::quoteUntrusted;
    ErrorDetail detail = parseErrorBody(response.body);
    std::string line = operation + ": " + std::to_string(response.status);
    const std::string reason = quoteUntrusted(response.reason, secrets, 60);
    if (detail.structured) {
        if (!detail.code.empty()) line += " " + quoteUntrusted(detail.code, secrets, 60);
        if (!detail.message.empty()) line += ": " + quoteUntrusted(detail.message, secrets, 200);
    } else if (!response.body.empty()) {
        line += " " + reason + ": the registry answered \"" +
                quoteUntrusted(response.body, secrets) + "\"";
    } else if (!reason.empty()) {
        line += " " + reason;
    }
    ErrorKind kind = kindFor(response.status, response.body);
    if (kind == ErrorKind::Auth) line += "; check credentials for " + host;
    if (kind == ErrorKind::Immutable) line += "; the tag is immutable in this repository";
    return Error(kind, line);
}

}  // namespace signet::oci
