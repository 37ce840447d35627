#include "sigstore/TransparencyLog.h"

#include "sigstore/ServiceError.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxEntry = 1024 * 1024;

// `path` on the instance's host (a Location header never sends signet elsewhere).
Poco::URI onHost(const Poco::URI& base, const std::string& path) {
    Poco::URI uri(base);
    uri.setPath(path);
    uri.setQuery("");
    return uri;
}

std::string trimmedPath(const Poco::URI& base) {
    std::string path = base.getPath();
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path;
}

// The entry, checked to record `material` (a log answering with another entry is refused).
LogEntry entryFor(const oci::HttpResponse& answer, const SignedMaterial& material,
                  const std::string& what) {
    LogEntry entry = parseRekorAnswer(answer.body, what);
    const std::string mismatch = bodyMismatch(entry.body, material);
    if (!mismatch.empty()) throw Error(ErrorKind::Registry, what + ": " + mismatch);
    return entry;
}

}  // namespace

RekorLog::RekorLog(oci::HttpTransport& transport, Poco::URI base)
    : transport_(transport), base_(std::move(base)) {}

LogEntry RekorLog::upload(const SignedMaterial& material, const net::Deadline& deadline,
                          std::atomic<int>* retries) {
    oci::HttpRequest post;
    post.method = "POST";
    post.uri = onHost(base_, trimmedPath(base_) + "/api/v1/log/entries");
    post.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    post.body = proposedEntry(material);
    post.deadline = deadline;
    post.retryCount = retries;
    const std::string what = "rekor " + oci::describeUri(post.uri);
    oci::HttpResponse answer = transport_.send(post, kMaxEntry);
    if (answer.status == 201 || answer.status == 200) return entryFor(answer, material, what);
    if (answer.status != 409) throw serviceError("uploading to " + what, answer);
    const std::string location = answer.header("Location");
    if (location.empty())
        throw serviceError("uploading to " + what + " (409 without Location)", answer);
    oci::HttpRequest get;
    get.uri = onHost(base_, Poco::URI(location).getPath());
    get.headers = {{"Accept", "application/json"}};
    get.deadline = deadline;
    get.retryCount = retries;
    answer = transport_.send(get, kMaxEntry);
    const std::string existing = "rekor " + oci::describeUri(get.uri);
    if (answer.status != 200) throw serviceError("reading the existing entry " + existing, answer);
    return entryFor(answer, material, existing);
}

}  // namespace signet::sigstore
