// RegistryAuth: answers registry challenges (Basic, Bearer token flow) and caches tokens per run.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "oci/Credentials.h"
#include "oci/HttpTransport.h"
#include "oci/Reference.h"
#include "secret/SecretSink.h"

namespace signet::oci {

class RegistryAuth {
  public:
    using CredentialSource = std::function<Credentials(const Repository&)>;

    // Every credential it uses, each Authorization value it derives (base64 of user:password,
    // the whole "Basic …"/"Bearer …" value) and each token a token server returns is registered
    // with `secrets` before it is sent anywhere.
    RegistryAuth(HttpTransport& transport, CredentialSource credentials,
                 secret::SecretSink& secrets);

    // The Authorization header to send for `repository` now; empty before the registry has
    // challenged (anonymous first) or when no credentials apply. A token it needs is fetched
    // by `deadline`.
    std::string authorization(const Repository& repository, const net::Deadline& deadline);

    // After a 401 that answered a request sent with `sent` (may be empty): learns the challenge
    // and returns the Authorization to retry with. A token the other threads already refreshed is
    // reused; otherwise one token request is made (one at a time per repository), ending by
    // `deadline`. Throws Error(Auth) when nothing new can be tried.
    std::string afterUnauthorized(const Repository& repository, const HttpResponse& response,
                                  const std::string& sent, const std::string& operation,
                                  const net::Deadline& deadline);

    int tokenRequests() const;

  private:
    enum class Scheme { Unknown, Basic, Bearer };
    struct Challenge {
        Scheme scheme = Scheme::Unknown;
        std::string realm;
        std::string service;
        std::string scope;  // what the 401 said the request needs: "repository:team/app:delete"
    };
    struct TokenSlot {
        std::mutex mutex;  // held while fetching: concurrent callers wait for the one request
        std::string token;
    };

    Credentials credentialsFor(const Repository& repository);
    std::string basicHeader(const Credentials& credentials);
    std::string bearerHeader(const std::string& token);
    Challenge challengeFor(const std::string& registry);
    std::shared_ptr<TokenSlot> slotFor(const Repository& repository);
    std::string bearerFor(const Repository& repository, const Challenge& challenge,
                          const std::string& stale, const net::Deadline& deadline);
    std::string fetchToken(const Repository& repository, const Challenge& challenge,
                           const net::Deadline& deadline);
    void refuseCleartextRealm(const std::string& registry, const Poco::URI& realm) const;
    std::string requestToken(const Repository& repository, const Challenge& challenge,
                             const Credentials& credentials, const net::Deadline& deadline);

    HttpTransport& transport_;
    CredentialSource credentials_;
    secret::SecretSink& secrets_;
    mutable std::mutex mutex_;
    std::map<std::string, Challenge> challenges_;               // by registry
    std::map<std::string, std::shared_ptr<TokenSlot>> tokens_;  // by registry/path
    int tokenRequests_ = 0;
};

}  // namespace signet::oci
