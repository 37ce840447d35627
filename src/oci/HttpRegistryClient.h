// HttpRegistryClient: RegistryClient over Poco HTTP(S) with pooling, auth, retries and checks.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "config/Environment.h"
#include "oci/ConnectionPool.h"
#include "oci/Credentials.h"
#include "oci/HttpTransport.h"
#include "oci/RegistryAuth.h"
#include "oci/RegistryClient.h"
#include "oci/RegistryOptions.h"
#include "secret/SecretSink.h"

namespace signet::oci {

class HttpRegistryClient : public RegistryClient {
  public:
    // `keychain` may be null (anonymous unless options.credentials apply). Every credential,
    // derived Authorization value and token is registered with `secrets` (which must outlive
    // the client), and registry text is scrubbed by it before it is quoted in an error.
    HttpRegistryClient(RegistryOptions options, std::shared_ptr<Keychain> keychain,
                       secret::SecretSink& secrets);
    ~HttpRegistryClient() override;

    std::optional<ManifestResponse> headManifest(const Repository& repo,
                                                 const std::string& reference) override;
    std::optional<ManifestResponse> getManifest(const Repository& repo,
                                                const std::string& reference) override;
    std::string putManifest(const Repository& repo, const std::string& reference,
                            const std::string& mediaType, const std::string& body) override;
    bool hasBlob(const Repository& repo, const std::string& digest) override;
    std::string getBlob(const Repository& repo, const std::string& digest,
                        std::size_t maxBytes) override;
    void readBlob(const Repository& repo, const std::string& digest,
                  const std::function<void(std::istream&)>& consumer) override;
    void putBlob(const Repository& repo, const std::string& digest,
                 const std::string& data) override;
    std::optional<std::string> getReferrers(const Repository& repo, const std::string& digest,
                                            const std::string& artifactType) override;

    // Called once per retry with a one-line description; the default prints it on stderr.
    void setRetryHook(RetryHook hook);
    int attempts() const;       // HTTP requests sent, retries and token requests included
    int retries() const;        // of which retries
    int tokenRequests() const;  // token-server round trips

  private:
    struct Call {
        std::string method;
        std::string path;  // "/v2/…" or an absolute upload URL
        std::vector<std::pair<std::string, std::string>> headers;
        std::string body;
        bool followRedirects = false;
    };

    HttpResponse call(const Repository& repo, const Call& call, std::size_t maxBody,
                      const BodyConsumer* consumer = nullptr);
    Poco::URI resolve(const Repository& repo, const std::string& pathOrUrl);
    std::string schemeFor(const std::string& registry);
    Credentials credentialsFor(const Repository& repo);
    std::optional<ManifestResponse> fetchManifest(const Repository& repo,
                                                  const std::string& reference, bool head);
    std::string uploadBlob(const Repository& repo, const std::string& digest,
                           const std::string& data);

    RegistryOptions options_;
    std::shared_ptr<Keychain> keychain_;
    secret::SecretSink& secrets_;
    ConnectionPool pool_;
    HttpTransport transport_;
    RegistryAuth auth_;
    std::mutex schemeMutex_;
    std::map<std::string, std::string> schemes_;  // registry → "https" | "http"
};

// Options from the environment plus a DockerConfigKeychain over the same environment.
std::unique_ptr<HttpRegistryClient> makeRegistryClient(const Environment& env,
                                                       secret::SecretSink& secrets);

}  // namespace signet::oci
