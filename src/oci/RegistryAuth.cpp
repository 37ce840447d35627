#include "oci/RegistryAuth.h"

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/AuthChallenge.h"
#include "oci/RegistryError.h"
#include "secret/UntrustedText.h"

namespace signet::oci {
namespace {

constexpr std::size_t kMaxTokenResponse = 1 << 20;
constexpr const char* kBearerPrefix = "Bearer ";

std::string formEncode(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "&=+?/:;@#", out);
    return out;
}

std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

RegistryAuth::RegistryAuth(HttpTransport& transport, CredentialSource credentials,
                           secret::SecretSink& secrets)
    : transport_(transport), credentials_(std::move(credentials)), secrets_(secrets) {}

Credentials RegistryAuth::credentialsFor(const Repository& repository) {
    Credentials credentials = credentials_(repository);
    for (const std::string* value :
         {&credentials.password, &credentials.identityToken, &credentials.registryToken}) {
        secrets_.add(*value);
    }
    return credentials;
}

std::string RegistryAuth::basicHeader(const Credentials& credentials) {
    std::string encoded = crypto::base64Encode(credentials.username + ":" + credentials.password);
    secrets_.add(encoded);
    secrets_.add("Basic " + encoded);
    return "Basic " + encoded;
}

std::string RegistryAuth::bearerHeader(const std::string& token) {
    secrets_.add(token);
    secrets_.add(kBearerPrefix + token);
    return kBearerPrefix + token;
}

int RegistryAuth::tokenRequests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return tokenRequests_;
}

RegistryAuth::Challenge RegistryAuth::challengeFor(const std::string& registry) {
    std::lock_guard<std::mutex> lock(mutex_);
    return challenges_[registry];
}

std::shared_ptr<RegistryAuth::TokenSlot> RegistryAuth::slotFor(const Repository& repository) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = tokens_[repository.name()];
    if (!slot) slot = std::make_shared<TokenSlot>();
    return slot;
}

std::string RegistryAuth::authorization(const Repository& repository,
                                        const net::Deadline& deadline) {
    Credentials credentials = credentialsFor(repository);
    if (!credentials.registryToken.empty()) return bearerHeader(credentials.registryToken);
    Challenge challenge = challengeFor(repository.registry);
    switch (challenge.scheme) {
        case Scheme::Unknown:
            return {};
        case Scheme::Basic:
            return credentials.hasBasic() ? basicHeader(credentials) : "";
        case Scheme::Bearer:
            return bearerHeader(bearerFor(repository, challenge, "", deadline));
    }
    return {};
}

std::string RegistryAuth::bearerFor(const Repository& repository, const Challenge& challenge,
                                    const std::string& stale, const net::Deadline& deadline) {
    std::shared_ptr<TokenSlot> slot = slotFor(repository);
    std::lock_guard<std::mutex> lock(slot->mutex);
    if (!slot->token.empty() && slot->token != stale) return slot->token;
    slot->token = fetchToken(repository, challenge, deadline);
    return slot->token;
}

std::string RegistryAuth::afterUnauthorized(const Repository& repository,
                                            const HttpResponse& response, const std::string& sent,
                                            const std::string& operation,
                                            const net::Deadline& deadline) {
    Challenge learned;
    for (const std::string& value : response.headerValues("WWW-Authenticate")) {
        for (const AuthChallenge& c : parseAuthChallenges(value)) {
            if (c.scheme == "bearer" && !c.param("realm").empty()) {
                learned = {Scheme::Bearer, c.param("realm"), c.param("service"), c.param("scope")};
            } else if (c.scheme == "basic" && learned.scheme == Scheme::Unknown) {
                learned.scheme = Scheme::Basic;
            }
        }
    }
    Credentials credentials = credentialsFor(repository);
    if (learned.scheme == Scheme::Unknown || !credentials.registryToken.empty())
        throw registryError(operation, response, repository.registry, secrets_);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        challenges_[repository.registry] = learned;
    }
    std::string next;
    if (learned.scheme == Scheme::Basic) {
        if (!credentials.hasBasic())
            throw registryError(operation, response, repository.registry, secrets_);
        next = basicHeader(credentials);
    } else {
        std::string stale = sent.rfind(kBearerPrefix, 0) == 0 ? sent.substr(7) : "";
        next = bearerHeader(bearerFor(repository, learned, stale, deadline));
    }
    if (next == sent) throw registryError(operation, response, repository.registry, secrets_);
    return next;
}

std::string RegistryAuth::fetchToken(const Repository& repository, const Challenge& challenge,
                                     const net::Deadline& deadline) {
    Credentials credentials = credentialsFor(repository);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++tokenRequests_;
    }
    return requestToken(repository, challenge, credentials, deadline);
}

// Credentials (and the token that comes back) cross the wire to the realm: over plain HTTP only
// to a host the user listed as insecure, never to one the registry merely named.
void RegistryAuth::refuseCleartextRealm(const std::string& registry, const Poco::URI& realm) const {
    if (realm.getScheme() != "http" || transport_.allowsPlainHttp(realm)) return;
    std::string authority = realm.getHost() + ":" + std::to_string(realm.getPort());
    throw Error(ErrorKind::Auth, "registry " + registry + " names the token realm " +
                                     secret::quoteUntrusted(describeUri(realm), secrets_) +
                                     ", which is plain HTTP: signet sends no token request or "
                                     "credentials there unless " +
                                     secret::quoteUntrusted(authority, secrets_) +
                                     " is listed in SIGNET_INSECURE_REGISTRIES");
}

namespace {

// pull,push for `repository`, plus any other action the challenge's scope asks for it (DELETE
// needs "delete"; asking it for every request would fail where deleting is not granted). When
// the challenge names `repository`, the other repositories it names too (a cross-repository
// mount needs pull on the source). Scopes are space-separated in the challenge.
std::vector<std::string> tokenScopes(const Repository& repository, const std::string& challenged) {
    const std::string prefix = "repository:" + repository.path + ":";
    std::vector<std::string> others;
    std::string actions = "pull,push";
    bool named = false;
    std::istringstream scopes(challenged);
    for (std::string scope; scopes >> scope;) {
        if (scope.rfind(prefix, 0) != 0) {
            if (scope.rfind("repository:", 0) == 0) others.push_back(scope);
            continue;
        }
        named = true;
        std::istringstream wanted(scope.substr(prefix.size()));
        for (std::string action; std::getline(wanted, action, ',');) {
            if (!action.empty() && action != "pull" && action != "push" &&
                actions.find("," + action) == std::string::npos) {
                actions += "," + action;
            }
        }
    }
    std::vector<std::string> result{prefix + actions};
    if (named) result.insert(result.end(), others.begin(), others.end());
    return result;
}

}  // namespace

std::string RegistryAuth::requestToken(const Repository& repository, const Challenge& challenge,
                                       const Credentials& credentials,
                                       const net::Deadline& deadline) {
    const std::string& host = repository.registry;
    Poco::URI realm;
    try {
        realm = Poco::URI(challenge.realm);
    } catch (const Poco::Exception&) {
    }
    if ((realm.getScheme() != "https" && realm.getScheme() != "http") || realm.getHost().empty()) {
        throw Error(ErrorKind::Registry, "registry " + host + " named an unusable token realm \"" +
                                             secret::quoteUntrusted(challenge.realm, secrets_) +
                                             "\"");
    }
    refuseCleartextRealm(host, realm);
    const std::vector<std::string> scopes = tokenScopes(repository, challenge.scope);
    std::string scope;  // OAuth2's form: space-separated
    for (const auto& one : scopes) scope += (scope.empty() ? "" : " ") + one;
    const std::string operation = "token request to " + describeUri(realm) + " for " + host;

    HttpResponse response;
    bool answered = false;
    if (!credentials.identityToken.empty()) {
        // OAuth2 refresh-token grant; servers without it answer 404 and get the GET below.
        secrets_.add(formEncode(credentials.identityToken));
        HttpRequest post;
        post.method = "POST";
        post.uri = realm;
        post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        post.body =
            "grant_type=refresh_token&refresh_token=" + formEncode(credentials.identityToken) +
            "&service=" + formEncode(challenge.service) + "&scope=" + formEncode(scope) +
            "&client_id=signet";
        post.deadline = deadline;
        response = transport_.send(post, kMaxTokenResponse);
        answered = response.status != 404;
    }
    if (!answered) {
        HttpRequest get;
        get.uri = realm;
        for (const auto& one : scopes) get.uri.addQueryParameter("scope", one);
        if (!challenge.service.empty()) get.uri.addQueryParameter("service", challenge.service);
        if (credentials.hasBasic())
            get.headers.emplace_back("Authorization", basicHeader(credentials));
        get.deadline = deadline;
        response = transport_.send(get, kMaxTokenResponse);
    }
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    // Whatever tokens the answer carries are secrets, even in an answer signet refuses.
    if (json.is_object()) {
        for (const char* key : {"token", "access_token", "refresh_token"}) {
            secrets_.add(stringField(json, key));
        }
    }
    if (response.status != 200) throw registryError(operation, response, host, secrets_);
    if (!json.is_object()) {
        // No excerpt here: a truncated token response would put the token in the message.
        throw Error(ErrorKind::Registry,
                    operation +
                        ": token server answered with a body that is not "
                        "JSON (" +
                        std::to_string(response.body.size()) + " bytes, " +
                        secret::quoteUntrusted(response.header("Content-Type"), secrets_, 60) +
                        ")");
    }
    std::string token = stringField(json, "token");
    if (token.empty()) token = stringField(json, "access_token");
    if (token.empty()) {
        throw Error(ErrorKind::Registry,
                    operation + ": token server answered without \"token\" or \"access_token\"");
    }
    return token;
}

}  // namespace signet::oci
