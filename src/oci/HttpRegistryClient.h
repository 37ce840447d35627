// HttpRegistryClient: RegistryClient over Poco HTTP(S) with pooling, auth, retries and checks.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "oci/ConnectionPool.h"
#include "oci/Credentials.h"
#include "oci/HttpTransport.h"
#include "oci/RegistryAuth.h"
#include "oci/RegistryClient.h"
#include "oci/RegistryOptions.h"
#include "oci/RetryLoop.h"
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
    // A PUT whose answer was lost (reset, truncated, 5xx, 429) is repeated only after a HEAD
    // shows that the registry does not hold this manifest at `reference` already.
    std::string putManifest(const Repository& repo, const std::string& reference,
                            const std::string& mediaType, const std::string& body) override;
    std::optional<std::string> putManifestIfMatch(const Repository& repo,
                                                  const std::string& reference,
                                                  const std::string& mediaType,
                                                  const std::string& body,
                                                  const std::string& etag) override;
    bool deleteManifest(const Repository& repo, const std::string& reference) override;
    bool hasBlob(const Repository& repo, const std::string& digest) override;
    std::string getBlob(const Repository& repo, const std::string& digest,
                        std::size_t maxBytes) override;
    void readBlob(const Repository& repo, const std::string& digest,
                  const std::function<void(std::istream&)>& consumer) override;
    void putBlob(const Repository& repo, const std::string& digest,
                 const std::string& data) override;
    void pushBlob(const Repository& repo, const std::string& digest,
                  const std::string& data) override;
    bool mountBlob(const Repository& repo, const std::string& digest,
                   const Repository& from) override;
    std::optional<std::string> getReferrers(const Repository& repo, const std::string& digest,
                                            const std::string& artifactType) override;

    std::unique_ptr<RegistryClient> within(net::Deadline deadline) override;
    int retries() const override;  // of this client's own requests (a view's: only its own)

    // Called once per retry with a one-line description; the default prints it on stderr.
    void setRetryHook(RetryHook hook);
    int attempts() const;       // HTTP requests sent, retries and token requests included
    int tokenRequests() const;  // token-server round trips

  private:
    struct Shared;  // connections, tokens and settings: one set for a client and its views
    struct Call {
        std::string method;
        std::string path;  // "/v2/…" or an absolute upload URL
        std::vector<std::pair<std::string, std::string>> headers;
        std::string body;
        bool followRedirects = false;
        bool idempotent = true;
    };

    HttpRegistryClient(std::shared_ptr<Shared> shared, net::Deadline deadline);
    // putManifest's loop; with `etag`, If-Match, and nullopt on 412.
    std::optional<std::string> sendManifest(const Repository& repo, const std::string& reference,
                                            const std::string& mediaType, const std::string& body,
                                            const std::string& etag);
    HttpResponse call(const Repository& repo, const Call& call, std::size_t maxBody,
                      const BodyConsumer* consumer = nullptr);
    // Runs `fetch` again (with back-off) while it reports content that does not match its
    // digest: on the wire that is a transport fault like a truncated body.
    template <typename Fetch>
    auto checkedFetch(const Repository& repo, const Call& request, Fetch fetch);
    // For a request that may have landed: false when the retries are used up; otherwise tells
    // the retry hook, waits the back-off (or throws Timeout) and returns true.
    bool retryUnconfirmed(const Repository& repo, const Call& request, const std::string& why,
                          RetryLoop& loop);
    // `scheme` empty: schemeFor's.
    Poco::URI resolve(const Repository& repo, const std::string& pathOrUrl,
                      const std::string& scheme = {});
    std::string schemeFor(const std::string& registry);
    // Listed insecure or allowed plain HTTP: the scheme is probed (plain HTTP first).
    bool mayUsePlainHttp(const std::string& registry) const;
    // The first GET or HEAD to an insecure host whose scheme is not known yet goes out in plain
    // HTTP as its own probe (no /v2/ request first): an answer in HTTP settles the scheme, and
    // one that is whole and not a redirect is the call's first attempt (a 503 is retried as
    // usual). nullopt when the call must be sent the usual way; `unanswered` then tells that
    // nothing answered in time (the request itself goes out in HTTPS and reports, without
    // another probe).
    std::optional<HttpResponse> firstContact(const Repository& repo, const Call& call,
                                             std::size_t maxBody, bool& unanswered);
    std::optional<ManifestResponse> fetchManifest(const Repository& repo,
                                                  const std::string& reference, bool head);
    std::optional<ManifestResponse> fetchManifestOnce(const Repository& repo,
                                                      const std::string& reference, bool head);
    std::string uploadBlob(const Repository& repo, const std::string& digest,
                           const std::string& data);
    HttpResponse uploadOnce(const Repository& repo, const std::string& digest,
                            const std::string& data);

    std::shared_ptr<Shared> shared_;
    net::Deadline deadline_;
    std::atomic<int> retries_{0};
};

}  // namespace signet::oci
