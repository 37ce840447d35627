// MemoryRegistry: an in-memory oci::RegistryClient for unit tests of the layers above oci/.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "oci/RegistryClient.h"

namespace signet::testing {

// Manifests by repository and tag or digest, blobs by repository and digest, and a count of
// every call by kind ("HEAD manifest", "GET manifest", "PUT manifest", "HEAD blob", "GET blob",
// "PUT blob"). No processes and no sockets: where the real docker-registry is not needed (the
// integration tests use it), as ninja's tests use a virtual file system. within() views share
// the state and keep their deadline as the real client does: a call that starts or (after its
// hook) would take effect past it throws Error(Timeout) and changes nothing. The before-each
// hook runs at the start of every call (told its kind and the tag or digest it is about),
// outside the lock: to delay it, throw, or play another writer.
class MemoryRegistry : public oci::RegistryClient {
  public:
    MemoryRegistry();

    // Stores `body` under its digest and, when `tag` is not empty, under the tag; returns the
    // digest.
    std::string putImage(
        const oci::Repository& repo, const std::string& tag, const std::string& body,
        const std::string& mediaType = "application/vnd.oci.image.manifest.v1+json");
    int calls(const std::string& kind) const;
    int totalCalls() const;
    using Hook = std::function<void(const std::string& kind, const std::string& reference)>;
    void setBeforeEach(Hook hook);

    std::optional<oci::ManifestResponse> headManifest(const oci::Repository& repo,
                                                      const std::string& reference) override;
    std::optional<oci::ManifestResponse> getManifest(const oci::Repository& repo,
                                                     const std::string& reference) override;
    std::string putManifest(const oci::Repository& repo, const std::string& reference,
                            const std::string& mediaType, const std::string& body) override;
    std::optional<std::string> putManifestIfMatch(const oci::Repository& repo,
                                                  const std::string& reference,
                                                  const std::string& mediaType,
                                                  const std::string& body,
                                                  const std::string& etag) override;
    bool deleteManifest(const oci::Repository& repo, const std::string& reference) override;
    bool hasBlob(const oci::Repository& repo, const std::string& digest) override;
    std::string getBlob(const oci::Repository& repo, const std::string& digest,
                        std::size_t maxBytes) override;
    void readBlob(const oci::Repository& repo, const std::string& digest,
                  const std::function<void(std::istream&)>& consumer) override;
    void putBlob(const oci::Repository& repo, const std::string& digest,
                 const std::string& data) override;
    void pushBlob(const oci::Repository& repo, const std::string& digest,
                  const std::string& data) override;
    bool mountBlob(const oci::Repository& repo, const std::string& digest,
                   const oci::Repository& from) override;
    std::optional<std::string> getReferrers(const oci::Repository& repo, const std::string& digest,
                                            const std::string& artifactType) override;
    std::unique_ptr<oci::RegistryClient> within(net::Deadline deadline) override;
    int retries() const override { return 0; }

  private:
    struct Manifest {
        std::string mediaType;
        std::string body;
    };
    struct State {
        mutable std::mutex mutex;
        std::map<std::string, Manifest> manifests;  // "repo@digest" and "repo:tag"
        std::map<std::string, std::string> blobs;   // "repo@digest"
        std::map<std::string, int> calls;
        Hook beforeEach;
    };
    MemoryRegistry(std::shared_ptr<State> state, net::Deadline deadline);
    // Counts the call and runs the hook; returns the lock to hold for the rest of it.
    std::unique_lock<std::mutex> enter(const std::string& kind, const std::string& reference);
    std::optional<oci::ManifestResponse> manifest(const oci::Repository& repo,
                                                  const std::string& reference, bool head);

    std::shared_ptr<State> state_;
    net::Deadline deadline_;  // unbounded but for within() views
};

}  // namespace signet::testing
