#include "harness/MemoryRegistry.h"

#include <sstream>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::testing {
namespace {

std::string key(const oci::Repository& repo, const std::string& reference) {
    bool digest = reference.rfind("sha256:", 0) == 0;
    return repo.name() + (digest ? "@" : ":") + reference;
}

}  // namespace

MemoryRegistry::MemoryRegistry() : MemoryRegistry(std::make_shared<State>(), net::Deadline()) {}

MemoryRegistry::MemoryRegistry(std::shared_ptr<State> state, net::Deadline deadline)
    : state_(std::move(state)), deadline_(deadline) {}

std::string MemoryRegistry::putImage(const oci::Repository& repo, const std::string& tag,
                                     const std::string& body, const std::string& mediaType) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    std::string digest = crypto::sha256Digest(body);
    state_->manifests[key(repo, digest)] = {mediaType, body};
    if (!tag.empty()) state_->manifests[key(repo, tag)] = {mediaType, body};
    return digest;
}

int MemoryRegistry::calls(const std::string& kind) const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    auto it = state_->calls.find(kind);
    return it == state_->calls.end() ? 0 : it->second;
}

int MemoryRegistry::totalCalls() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    int total = 0;
    for (const auto& [kind, count] : state_->calls) total += count;
    return total;
}

void MemoryRegistry::setBeforeEach(Hook hook) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->beforeEach = std::move(hook);
}

std::unique_lock<std::mutex> MemoryRegistry::enter(const std::string& kind,
                                                   const std::string& reference) {
    Hook hook;
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->calls[kind]++;
        hook = state_->beforeEach;
    }
    const std::string what = kind + " " + reference;
    if (deadline_.passed()) throw net::deadlinePassed(deadline_, what);
    if (hook) hook(kind, reference);
    if (deadline_.passed()) throw net::deadlinePassed(deadline_, what);
    return std::unique_lock<std::mutex>(state_->mutex);
}

std::optional<oci::ManifestResponse> MemoryRegistry::manifest(const oci::Repository& repo,
                                                              const std::string& reference,
                                                              bool head) {
    auto lock = enter(head ? "HEAD manifest" : "GET manifest", reference);
    auto it = state_->manifests.find(key(repo, reference));
    if (it == state_->manifests.end()) return std::nullopt;
    oci::ManifestResponse response;
    response.mediaType = it->second.mediaType;
    response.digest = crypto::sha256Digest(it->second.body);
    response.size = static_cast<std::int64_t>(it->second.body.size());
    if (!head) response.body = it->second.body;
    response.etag = "\"" + response.digest + "\"";
    return response;
}

std::optional<oci::ManifestResponse> MemoryRegistry::headManifest(const oci::Repository& repo,
                                                                  const std::string& reference) {
    return manifest(repo, reference, true);
}

std::optional<oci::ManifestResponse> MemoryRegistry::getManifest(const oci::Repository& repo,
                                                                 const std::string& reference) {
    return manifest(repo, reference, false);
}

std::string MemoryRegistry::putManifest(const oci::Repository& repo, const std::string& reference,
                                        const std::string& mediaType, const std::string& body) {
    auto lock = enter("PUT manifest", reference);
    std::string digest = crypto::sha256Digest(body);
    state_->manifests[key(repo, digest)] = {mediaType, body};
    state_->manifests[key(repo, reference)] = {mediaType, body};
    return digest;
}

std::optional<std::string> MemoryRegistry::putManifestIfMatch(const oci::Repository& repo,
                                                              const std::string& reference,
                                                              const std::string& mediaType,
                                                              const std::string& body,
                                                              const std::string& etag) {
    auto lock = enter("PUT manifest", reference);
    // As a registry that honours If-Match: the tag's ETag is its manifest's quoted digest.
    auto it = state_->manifests.find(key(repo, reference));
    const std::string current =
        it == state_->manifests.end() ? "" : "\"" + crypto::sha256Digest(it->second.body) + "\"";
    if (current != etag) return std::nullopt;
    std::string digest = crypto::sha256Digest(body);
    state_->manifests[key(repo, digest)] = {mediaType, body};
    state_->manifests[key(repo, reference)] = {mediaType, body};
    return digest;
}

bool MemoryRegistry::deleteManifest(const oci::Repository& repo, const std::string& reference) {
    auto lock = enter("DELETE manifest", reference);
    auto it = state_->manifests.find(key(repo, reference));
    if (it == state_->manifests.end()) return false;
    const std::string digest = crypto::sha256Digest(it->second.body);
    // As a registry deleting by digest: the manifest and every tag of it go.
    for (auto m = state_->manifests.begin(); m != state_->manifests.end();) {
        bool sameRepo =
            m->first.rfind(repo.name() + ":", 0) == 0 || m->first.rfind(repo.name() + "@", 0) == 0;
        m = sameRepo && crypto::sha256Digest(m->second.body) == digest ? state_->manifests.erase(m)
                                                                       : std::next(m);
    }
    return true;
}

bool MemoryRegistry::hasBlob(const oci::Repository& repo, const std::string& digest) {
    auto lock = enter("HEAD blob", digest);
    return state_->blobs.count(key(repo, digest)) != 0;
}

std::string MemoryRegistry::getBlob(const oci::Repository& repo, const std::string& digest,
                                    std::size_t maxBytes) {
    auto lock = enter("GET blob", digest);
    auto it = state_->blobs.find(key(repo, digest));
    if (it == state_->blobs.end()) {
        throw Error(ErrorKind::NotFound, "blob " + key(repo, digest) + " not found");
    }
    if (it->second.size() > maxBytes) {
        throw Error(ErrorKind::TooLarge, "blob " + key(repo, digest) + " is too large");
    }
    return it->second;
}

void MemoryRegistry::readBlob(const oci::Repository& repo, const std::string& digest,
                              const std::function<void(std::istream&)>& consumer) {
    std::istringstream in(getBlob(repo, digest, std::string::npos));
    consumer(in);
}

void MemoryRegistry::putBlob(const oci::Repository& repo, const std::string& digest,
                             const std::string& data) {
    if (hasBlob(repo, digest)) return;
    pushBlob(repo, digest, data);
}

void MemoryRegistry::pushBlob(const oci::Repository& repo, const std::string& digest,
                              const std::string& data) {
    auto lock = enter("PUT blob", digest);
    if (crypto::sha256Digest(data) != digest) {
        throw Error(ErrorKind::Registry, "blob upload: digest " + digest + " does not match");
    }
    state_->blobs[key(repo, digest)] = data;
}

bool MemoryRegistry::mountBlob(const oci::Repository& repo, const std::string& digest,
                               const oci::Repository& from) {
    auto lock = enter("POST mount", digest);
    auto it = state_->blobs.find(key(from, digest));
    if (from.registry != repo.registry || it == state_->blobs.end()) return false;
    state_->blobs[key(repo, digest)] = it->second;
    return true;
}

std::optional<std::string> MemoryRegistry::getReferrers(const oci::Repository&,
                                                        const std::string& digest,
                                                        const std::string&) {
    auto lock = enter("GET referrers", digest);
    return std::nullopt;
}

std::unique_ptr<oci::RegistryClient> MemoryRegistry::within(net::Deadline deadline) {
    // The earlier of the two, as a view of a view of the real client ends by both.
    const net::Deadline earlier = deadline.at() < deadline_.at() ? deadline : deadline_;
    return std::unique_ptr<oci::RegistryClient>(new MemoryRegistry(state_, earlier));
}

}  // namespace signet::testing
