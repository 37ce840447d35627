#include "sigstore/IdentityTokenSources.h"

#include <nlohmann/json.hpp>

#include "error/Error.h"
#include "io/FileContents.h"
#include "sigstore/ServiceError.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxToken = 64 * 1024;

std::string readTokenFile(const std::string& path, const std::string& origin) {
    return io::readFileContents(path, kMaxToken, ErrorKind::Auth,
                                "identity token file (" + origin + ")");
}

std::string fromGithub(const IdentityTokenSources& sources, oci::HttpTransport& http,
                       const net::Deadline& deadline) {
    oci::HttpRequest get;
    const std::string& url = sources.githubRequestUrl;
    try {
        get.uri = Poco::URI(url + (url.find('?') == std::string::npos ? "?" : "&") +
                            "audience=" + kSigstoreAudience);
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::Auth, "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL");
    }
    get.headers = {{"Authorization", "Bearer " + sources.githubRequestToken},
                   {"Accept", "application/json"}};
    get.deadline = deadline;
    const std::string what = "the GitHub Actions token endpoint " + oci::describeUri(get.uri);
    const oci::HttpResponse answer = http.send(get, kMaxToken);
    if (answer.status == 401 || answer.status == 403) {
        throw Error(ErrorKind::Auth, serviceError(what, answer).what() +
                                         std::string(" (does the job have permissions: "
                                                     "id-token: write?)"));
    }
    if (answer.status != 200) throw serviceError("asking " + what + " for a token", answer);
    const auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("value") || !parsed["value"].is_string())
        throw Error(ErrorKind::Auth, what + " answered without a token value");
    return parsed["value"];
}

}  // namespace

std::string tokenSourcesHelp() {
    return "--identity-token, SIGSTORE_ID_TOKEN, GitHub Actions' ACTIONS_ID_TOKEN_REQUEST_URL "
           "(permissions: id-token: write), SIGNET_IDENTITY_TOKEN_FILE or " +
           std::string(kCosignTokenFile);
}

IdentityToken obtainIdentityToken(const IdentityTokenSources& sources, oci::HttpTransport& http,
                                  secret::SecretSink& secrets, const net::Deadline& deadline,
                                  std::time_t now) {
    std::string text, origin;
    if (!sources.given.empty()) {
        origin = sources.givenOrigin;
        const bool token = looksLikeJwt(sources.given);
        if (token) secrets.add(sources.given);
        text = token ? sources.given : readTokenFile(sources.given, sources.givenOrigin);
    } else if (sources.github()) {
        secrets.add(sources.githubRequestToken);
        origin = "GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL)";
        text = fromGithub(sources, http, deadline);
    } else if (!sources.file.empty()) {
        origin = sources.fileOrigin;
        text = readTokenFile(sources.file, sources.fileOrigin);
    } else {
        throw Error(ErrorKind::Auth,
                    "keyless signing found no identity token: set one of " + tokenSourcesHelp());
    }
    secrets.add(text);
    IdentityToken token = parseIdentityToken(text, origin);
    secrets.add(token.compact);
    if (token.expiredAt(now))
        throw Error(ErrorKind::Auth, "the identity token from " + origin +
                                         " has expired; keyless signing needs a fresh one (" +
                                         tokenSourcesHelp() + ")");
    return token;
}

}  // namespace signet::sigstore
