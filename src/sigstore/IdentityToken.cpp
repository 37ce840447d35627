#include "sigstore/IdentityToken.h"

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sigstore {
namespace {

bool isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<std::string> base64UrlDecode(std::string part) {
    for (char& c : part) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (part.size() % 4 != 0) part += '=';
    return crypto::base64Decode(part);
}

Error refused(const std::string& source, const std::string& why) {
    return Error(ErrorKind::Auth, "the identity token from " + source + " " + why);
}

}  // namespace

bool looksLikeJwt(const std::string& text) {
    const std::string token = trimmed(text);
    int dots = 0;
    for (char c : token) {
        if (c == '.') {
            ++dots;
        } else if (!isBase64Url(c)) {
            return false;
        }
    }
    return dots == 2 && token.front() != '.' && token.back() != '.';
}

IdentityToken parseIdentityToken(const std::string& text, const std::string& source) {
    IdentityToken token;
    token.compact = trimmed(text);
    token.source = source;
    if (!looksLikeJwt(token.compact)) throw refused(source, "is not a JWT");
    const auto first = token.compact.find('.');
    const auto second = token.compact.find('.', first + 1);
    const auto payload = base64UrlDecode(token.compact.substr(first + 1, second - first - 1));
    const auto claims =
        payload ? nlohmann::json::parse(*payload, nullptr, false) : nlohmann::json();
    if (!claims.is_object()) throw refused(source, "has no JSON claims");
    token.issuer = claims.value("iss", nlohmann::json()).is_string() ? claims["iss"] : "";
    token.subject = claims.value("sub", nlohmann::json()).is_string() ? claims["sub"] : "";
    token.email = claims.value("email", nlohmann::json()).is_string() ? claims["email"] : "";
    if (token.issuer.empty() || token.subject.empty())
        throw refused(source, "does not name its issuer (iss) and subject (sub)");
    if (auto exp = claims.find("exp"); exp != claims.end() && exp->is_number())
        token.expiry = static_cast<std::time_t>(exp->get<double>());
    if (auto aud = claims.find("aud"); aud != claims.end()) {
        if (aud->is_string()) token.audience.push_back(*aud);
        if (aud->is_array())
            for (const auto& item : *aud)
                if (item.is_string()) token.audience.push_back(item);
    }
    return token;
}

}  // namespace signet::sigstore
