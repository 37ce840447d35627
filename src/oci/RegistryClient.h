// RegistryClient: the OCI distribution API operations signet needs, behind one interface.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "net/Deadline.h"
#include "oci/Reference.h"

namespace signet::oci {

// A manifest as the registry returned it.
struct ManifestResponse {
    std::string mediaType;  // the Content-Type the registry answered with
    std::string digest;     // Docker-Content-Digest, or sha256 of the body when absent
    std::int64_t size = 0;  // Content-Length (HEAD) or body size (GET)
    std::string body;       // empty for HEAD
    std::string etag;       // the ETag header, when the registry sent one
};

// Every method is safe to call from several threads at once. Errors are thrown as
// signet::Error with kind Auth (401/403), NotFound, RateLimit, Network, Unavailable, Timeout,
// Registry, TooLarge. Transient failures (429, 5xx, resets, timeouts, truncated bodies, content
// that does not match its digest) are retried inside, with backoff.
class RegistryClient {
  public:
    virtual ~RegistryClient() = default;

    // `reference` is a tag or a digest. nullopt on 404.
    virtual std::optional<ManifestResponse> headManifest(const Repository& repo,
                                                         const std::string& reference) = 0;
    virtual std::optional<ManifestResponse> getManifest(const Repository& repo,
                                                        const std::string& reference) = 0;
    // PUT with Content-Type = mediaType; returns the digest the registry reports.
    virtual std::string putManifest(const Repository& repo, const std::string& reference,
                                    const std::string& mediaType, const std::string& body) = 0;
    // The same PUT with If-Match: `etag` (what a GET of the tag answered); nullopt when the
    // registry answered 412 because the tag changed since. A registry that ignores If-Match
    // (distribution does) writes anyway: callers still read back what they wrote.
    virtual std::optional<std::string> putManifestIfMatch(const Repository& repo,
                                                          const std::string& reference,
                                                          const std::string& mediaType,
                                                          const std::string& body,
                                                          const std::string& etag) = 0;

    // DELETE the manifest `reference` names; false when there was none (404). A registry that
    // refuses deleting by tag (distribution answers 400) has the tag's manifest deleted by its
    // digest instead, which removes every tag of it. 405 (deletes disabled) is Error(Registry).
    virtual bool deleteManifest(const Repository& repo, const std::string& reference) = 0;

    virtual bool hasBlob(const Repository& repo, const std::string& digest) = 0;
    // Whole blob in memory; throws TooLarge when bigger than maxBytes. The digest is checked.
    virtual std::string getBlob(const Repository& repo, const std::string& digest,
                                std::size_t maxBytes) = 0;
    // Streams the blob body to `consumer` (for layers); the stream is valid during the call.
    virtual void readBlob(const Repository& repo, const std::string& digest,
                          const std::function<void(std::istream&)>& consumer) = 0;
    // Uploads unless already present (HEAD first), via POST + PUT ?digest=. An upload whose
    // answer was lost is started over with a fresh POST, after a HEAD that may show it landed.
    virtual void putBlob(const Repository& repo, const std::string& digest,
                         const std::string& data) = 0;
    // Uploads without asking first: for a blob that is almost surely new (the payload and
    // config of a fresh signature image), where the HEAD would be a wasted round trip.
    virtual void pushBlob(const Repository& repo, const std::string& digest,
                          const std::string& data) = 0;

    // Cross-repository mount (POST ?mount=&from=) of a blob `from` holds on the same registry;
    // false when the registry will not (another registry, 202, no pull access to `from`): the
    // caller copies the bytes then.
    virtual bool mountBlob(const Repository& repo, const std::string& digest,
                           const Repository& from) = 0;

    // GET /v2/<repo>/referrers/<digest>[?artifactType=]; nullopt when the API is unsupported:
    // 404, 400 or 405, or a 200 that is not an OCI image index (the probe go-containerregistry
    // and sigstore-js make; an OCI-Subject header alone proves nothing, ECR sends it without).
    virtual std::optional<std::string> getReferrers(const Repository& repo,
                                                    const std::string& digest,
                                                    const std::string& artifactType) = 0;

    // A client for the same registries whose every request — connects, retries, back-off waits,
    // token requests — ends by `deadline` (Error Timeout after it). It shares connections and
    // tokens with this client and must not outlive it.
    virtual std::unique_ptr<RegistryClient> within(net::Deadline deadline) = 0;
    // Retries this client has made so far (a client from within(): only its own).
    virtual int retries() const = 0;
};

}  // namespace signet::oci
