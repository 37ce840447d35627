#include "oci/HttpRegistryClient.h"

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/ContentDigest.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/MediaTypes.h"
#include "oci/ReferenceGrammar.h"
#include "oci/RegistryError.h"
#include "secret/UntrustedText.h"

namespace signet::oci {
namespace {

constexpr std::size_t kMaxManifestBytes = 4 << 20;  // distribution's own manifest limit
constexpr std::size_t kMaxSmallBody = 1 << 20;      // error bodies, upload answers, referrers

// A last check on names built inside signet: every request path is made of a repository and a
// tag or digest that passed distribution's grammar, so none can climb out of /v2/<repo>/.
void requireValidName(const Repository& repo) {
    std::string problem = grammar::pathProblem(repo.path);
    if (problem.empty()) problem = grammar::domainProblem(repo.registry);
    if (!problem.empty()) {
        throw Error(ErrorKind::Internal,
                    "refusing a request for repository \"" + repo.name() + "\": " + problem);
    }
}

std::string manifestPath(const Repository& repo, const std::string& reference) {
    if (!grammar::tagProblem(reference).empty() && !isValidDigest(reference)) {
        throw Error(ErrorKind::Internal, "refusing a manifest request for \"" + reference +
                                             "\" in " + repo.name() + ": not a tag or digest");
    }
    return "/v2/" + repo.path + "/manifests/" + reference;
}

std::string blobPath(const Repository& repo, const std::string& digest) {
    return "/v2/" + repo.path + "/blobs/" + digest;
}

// "application/json; charset=utf-8" → "application/json".
std::string bareMediaType(const std::string& contentType) {
    std::string type = contentType.substr(0, contentType.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    return type;
}

std::int64_t contentLength(const HttpResponse& response) {
    std::string value = response.header("Content-Length");
    if (value.empty() || value.size() > 18 ||
        value.find_first_not_of("0123456789") != std::string::npos)
        return 0;
    return std::stoll(value);
}

void requireDigest(const std::string& digest, const Repository& repo) {
    if (!isValidDigest(digest)) {
        throw Error(ErrorKind::Usage,
                    "\"" + digest + "\" is not a valid digest for a blob of " + repo.name());
    }
}

// Content that does not match its digest, thrown inside checkedFetch and retried there.
struct CorruptContent {
    std::string message;
};

}  // namespace

struct HttpRegistryClient::Shared {
    Shared(RegistryOptions o, std::shared_ptr<Keychain> k, secret::SecretSink& s)
        : options(std::move(o)),
          keychain(std::move(k)),
          secrets(s),
          pool(options.caFile, options.timeout),
          transport(pool, RetryPolicy{options.retries}, options.userAgent, options.insecureHosts,
                    options.plainHttpHosts),
          auth(
              transport, [this](const Repository& repo) { return credentialsFor(repo); }, s) {}

    Credentials credentialsFor(const Repository& repo) {
        if (options.credentials && options.credentials->appliesTo(repo.registry))
            return options.credentials->credentials;
        return keychain ? keychain->resolve(repo) : Credentials{};
    }

    RegistryOptions options;
    std::shared_ptr<Keychain> keychain;
    secret::SecretSink& secrets;
    ConnectionPool pool;
    HttpTransport transport;
    RegistryAuth auth;
    std::mutex schemeMutex;
    std::map<std::string, std::string> schemes;  // registry → "https" | "http"
};

HttpRegistryClient::HttpRegistryClient(RegistryOptions options, std::shared_ptr<Keychain> keychain,
                                       secret::SecretSink& secrets)
    : shared_(std::make_shared<Shared>(std::move(options), std::move(keychain), secrets)) {}

HttpRegistryClient::HttpRegistryClient(std::shared_ptr<Shared> shared, net::Deadline deadline)
    : shared_(std::move(shared)), deadline_(deadline) {}

HttpRegistryClient::~HttpRegistryClient() = default;

std::unique_ptr<RegistryClient> HttpRegistryClient::within(net::Deadline deadline) {
    return std::unique_ptr<RegistryClient>(new HttpRegistryClient(shared_, deadline));
}

void HttpRegistryClient::setRetryHook(RetryHook hook) {
    shared_->transport.setRetryHook(std::move(hook));
}
int HttpRegistryClient::attempts() const {
    return shared_->transport.attempts();
}
int HttpRegistryClient::retries() const {
    return retries_.load();
}
int HttpRegistryClient::tokenRequests() const {
    return shared_->auth.tokenRequests();
}

bool HttpRegistryClient::mayUsePlainHttp(const std::string& registry) const {
    return shared_->options.insecureHosts.count(registry) != 0 ||
           shared_->options.plainHttpHosts.count(registry) != 0;
}

std::string HttpRegistryClient::schemeFor(const std::string& registry) {
    if (!mayUsePlainHttp(registry)) return "https";
    std::lock_guard<std::mutex> lock(shared_->schemeMutex);
    auto& schemes = shared_->schemes;
    if (auto it = schemes.find(registry); it != schemes.end()) return it->second;
    // An insecure host gets HTTPS (unverified) unless it speaks plain HTTP, where TLS would fail.
    // Asking in plain HTTP first is quick either way: a TLS server drops the connection or says
    // "Client sent an HTTP request to an HTTPS server", whereas a plain server handed a TLS hello
    // can sit on it until a timeout.
    Poco::URI endpoint("https://" + registry);
    auto plain = shared_->pool.probe(endpoint.getHost(), endpoint.getPort(), false, deadline_);
    if (!plain.connected) return "https";  // unreachable now: the request itself reports it
    bool tlsOnly =
        !plain.http || (plain.status == 400 && plain.body.find("HTTPS") != std::string::npos);
    std::string scheme = tlsOnly ? "https" : "http";
    schemes[registry] = scheme;
    return scheme;
}

std::optional<HttpResponse> HttpRegistryClient::firstContact(const Repository& repo,
                                                             const Call& call, std::size_t maxBody,
                                                             bool& unanswered) {
    if (!mayUsePlainHttp(repo.registry)) return std::nullopt;
    if ((call.method != "GET" && call.method != "HEAD") || call.path.rfind("/", 0) != 0)
        return std::nullopt;
    std::lock_guard<std::mutex> lock(shared_->schemeMutex);
    if (shared_->schemes.count(repo.registry) != 0) return std::nullopt;
    Poco::URI endpoint("http://" + repo.registry);
    ConnectionPool::ProbeRequest asked{call.method, call.path, call.headers, maxBody};
    asked.headers.emplace_back("User-Agent", shared_->options.userAgent);
    auto answer =
        shared_->pool.probe(endpoint.getHost(), endpoint.getPort(), false, deadline_, asked);
    unanswered = !answer.connected;
    if (unanswered) return std::nullopt;
    if (!answer.http) {
        shared_->schemes[repo.registry] = "https";
        return std::nullopt;
    }
    // 400 is also what a TLS server says to plain HTTP ("Client sent an HTTP request to an HTTPS
    // server"); a HEAD's answer has no body to tell which, so schemeFor's GET /v2/ looks.
    if (answer.status == 400 &&
        (call.method == "HEAD" || answer.body.find("HTTPS") != std::string::npos))
        return std::nullopt;
    shared_->schemes[repo.registry] = "http";
    if (answer.status / 100 == 3 || !answer.complete) return std::nullopt;  // sent again
    HttpResponse response;
    response.status = answer.status;
    response.reason = answer.reason;
    response.headers = answer.headers;
    response.body = std::move(answer.body);
    response.finalUri = Poco::URI(endpoint, call.path);
    return response;
}

Poco::URI HttpRegistryClient::resolve(const Repository& repo, const std::string& pathOrUrl,
                                      const std::string& scheme) {
    if (pathOrUrl.rfind("https://", 0) == 0 || pathOrUrl.rfind("http://", 0) == 0)
        return Poco::URI(pathOrUrl);
    Poco::URI base((scheme.empty() ? schemeFor(repo.registry) : scheme) + "://" + repo.registry);
    return Poco::URI(base, pathOrUrl);
}

HttpResponse HttpRegistryClient::call(const Repository& repo, const Call& call, std::size_t maxBody,
                                      const BodyConsumer* consumer) {
    requireValidName(repo);
    HttpRequest request;
    request.method = call.method;
    request.headers = call.headers;
    request.body = call.body;
    request.followRedirects = call.followRedirects;
    request.deadline = deadline_;
    request.idempotent = call.idempotent;
    request.retryCount = &retries_;
    bool unanswered = false;
    std::optional<HttpResponse> first =
        consumer ? std::nullopt : firstContact(repo, call, maxBody, unanswered);
    try {
        request.uri = resolve(repo, call.path, unanswered ? "https" : "");
    } catch (const Poco::Exception& e) {
        throw Error(ErrorKind::Registry, "registry " + repo.registry + " gave an unusable URL \"" +
                                             secret::quoteUntrusted(call.path, shared_->secrets) +
                                             "\"");
    }
    Poco::URI registryUri(request.uri.getScheme() + "://" + repo.registry);
    bool toRegistry = request.uri.getHost() == registryUri.getHost() &&
                      request.uri.getPort() == registryUri.getPort();
    const std::string operation = call.method + " " + describeUri(request.uri);
    auto sendWith = [&](const std::string& authorization) {
        HttpRequest attempt = request;
        if (!authorization.empty() && toRegistry)
            attempt.headers.emplace_back("Authorization", authorization);
        return consumer ? shared_->transport.stream(attempt, *consumer)
                        : shared_->transport.send(attempt, maxBody);
    };
    // First contact goes without credentials: a host that wants them says so with a 401,
    // answered below like any other. Its answer is the first attempt's (a 503 is retried).
    std::string sent = first ? std::string() : shared_->auth.authorization(repo, deadline_);
    if (first) request.firstAnswer = std::make_shared<const HttpResponse>(std::move(*first));
    HttpResponse response = sendWith(sent);
    request.firstAnswer.reset();
    if (response.status == 401) {
        std::string next =
            shared_->auth.afterUnauthorized(repo, response, sent, operation, deadline_);
        response = sendWith(next);
        if (response.status == 401)
            throw registryError(operation, response, repo.registry, shared_->secrets);
    }
    return response;
}

bool HttpRegistryClient::retryUnconfirmed(const Repository& repo, const Call& request,
                                          const std::string& why, RetryLoop& loop) {
    if (loop.last()) return false;
    HttpRequest described;
    described.method = request.method;
    described.uri = resolve(repo, request.path);
    described.retryCount = &retries_;
    shared_->transport.announceRetry(described, why, loop.attempt() + 1);
    loop.next(std::nullopt, request.method + " " + describeUri(described.uri));
    return true;
}

template <typename Fetch>
auto HttpRegistryClient::checkedFetch(const Repository& repo, const Call& request, Fetch fetch) {
    RetryLoop loop(shared_->transport.policy(), deadline_);
    while (true) {
        try {
            return fetch();
        } catch (const CorruptContent& corrupt) {
            if (!retryUnconfirmed(repo, request, corrupt.message, loop))
                throw Error(ErrorKind::Registry, corrupt.message + "; refusing it");
        }
    }
}

std::optional<ManifestResponse> HttpRegistryClient::headManifest(const Repository& repo,
                                                                 const std::string& reference) {
    return fetchManifest(repo, reference, true);
}

std::optional<ManifestResponse> HttpRegistryClient::getManifest(const Repository& repo,
                                                                const std::string& reference) {
    return fetchManifest(repo, reference, false);
}

std::optional<ManifestResponse> HttpRegistryClient::fetchManifest(const Repository& repo,
                                                                  const std::string& reference,
                                                                  bool head) {
    Call request{head ? "HEAD" : "GET", manifestPath(repo, reference), {}, ""};
    return checkedFetch(repo, request, [&] { return fetchManifestOnce(repo, reference, head); });
}

std::optional<ManifestResponse> HttpRegistryClient::fetchManifestOnce(const Repository& repo,
                                                                      const std::string& reference,
                                                                      bool head) {
    Call request{head ? "HEAD" : "GET",
                 manifestPath(repo, reference),
                 {{"Accept", media_type::kManifestAccept}},
                 "",
                 false};
    HttpResponse response = call(repo, request, kMaxManifestBytes);
    if (response.status == 404) return std::nullopt;
    const std::string what =
        "manifest " + repo.name() + (isValidDigest(reference) ? "@" : ":") + reference;
    if (response.status != 200)
        throw registryError(request.method + " " + what, response, repo.registry, shared_->secrets);

    ManifestResponse manifest;
    manifest.mediaType = bareMediaType(response.header("Content-Type"));
    manifest.etag = response.header("ETag");
    std::string reported = response.header("Docker-Content-Digest");
    if (head) {
        if (!isValidDigest(reported)) {
            if (isValidDigest(reference)) {
                reported = reference;
            } else {
                auto full = fetchManifestOnce(repo, reference, false);  // compute the digest
                if (full) full->body.clear();
                return full;
            }
        }
        if (isValidDigest(reference) && reported != reference) {
            throw Error(ErrorKind::Registry, what + ": the registry reports digest " + reported +
                                                 " for it; refusing it");
        }
        manifest.digest = reported;
        manifest.size = contentLength(response);
        return manifest;
    }
    manifest.body = std::move(response.body);
    manifest.size = static_cast<std::int64_t>(manifest.body.size());
    if (isValidDigest(reference) && digestLike(reference, manifest.body) != reference) {
        throw CorruptContent{what + ": the content the registry sent has digest " +
                             digestLike(reference, manifest.body)};
    }
    if (isValidDigest(reported) && digestLike(reported, manifest.body) != reported) {
        throw CorruptContent{what + ": Docker-Content-Digest " + reported +
                             " does not match the body"};
    }
    manifest.digest = isValidDigest(reported)    ? reported
                      : isValidDigest(reference) ? reference
                                                 : crypto::sha256Digest(manifest.body);
    return manifest;
}

std::string HttpRegistryClient::putManifest(const Repository& repo, const std::string& reference,
                                            const std::string& mediaType, const std::string& body) {
    return *sendManifest(repo, reference, mediaType, body, "");
}

std::optional<std::string> HttpRegistryClient::putManifestIfMatch(const Repository& repo,
                                                                  const std::string& reference,
                                                                  const std::string& mediaType,
                                                                  const std::string& body,
                                                                  const std::string& etag) {
    return sendManifest(repo, reference, mediaType, body, etag);
}

std::optional<std::string> HttpRegistryClient::sendManifest(const Repository& repo,
                                                            const std::string& reference,
                                                            const std::string& mediaType,
                                                            const std::string& body,
                                                            const std::string& etag) {
    Call request{"PUT", manifestPath(repo, reference), {{"Content-Type", mediaType}}, body, false,
                 false};
    if (!etag.empty()) request.headers.emplace_back("If-Match", etag);
    const std::string what = "PUT manifest " + repo.name() + ":" + reference;
    const std::string ours = crypto::sha256Digest(body);
    RetryLoop loop(shared_->transport.policy(), deadline_);
    while (true) {
        std::string why;
        try {
            HttpResponse response = call(repo, request, kMaxSmallBody);
            if (response.status / 100 == 2) {
                std::string reported = response.header("Docker-Content-Digest");
                return isValidDigest(reported) ? reported : ours;
            }
            if (!etag.empty() && response.status == 412) return std::nullopt;
            if (!isRetryableStatus(response.status) || loop.last())
                throw registryError(what, response, repo.registry, shared_->secrets);
            why = std::to_string(response.status);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Network || loop.last()) throw;
            why = e.what();
        }
        retryUnconfirmed(repo, request, why, loop);
        // The answer was lost, not necessarily the write: repeat it only if it did not land.
        auto landed = fetchManifestOnce(repo, reference, true);
        if (landed && landed->digest == ours) return ours;
    }
}

bool HttpRegistryClient::deleteManifest(const Repository& repo, const std::string& reference) {
    const std::string what =
        "DELETE manifest " + repo.name() + (isValidDigest(reference) ? "@" : ":") + reference;
    HttpResponse response =
        call(repo, {"DELETE", manifestPath(repo, reference), {}, ""}, kMaxSmallBody);
    if (response.status == 404) return false;
    if (response.status / 100 == 2) return true;
    if (response.status == 400 && !isValidDigest(reference)) {
        auto tagged = fetchManifest(repo, reference, true);
        return tagged && deleteManifest(repo, tagged->digest);
    }
    if (response.status == 405) {
        throw Error(ErrorKind::Registry, what +
                                             ": the registry does not allow deleting (405; "
                                             "distribution needs storage.delete.enabled)");
    }
    throw registryError(what, response, repo.registry, shared_->secrets);
}

bool HttpRegistryClient::hasBlob(const Repository& repo, const std::string& digest) {
    requireDigest(digest, repo);
    HttpResponse response = call(repo, {"HEAD", blobPath(repo, digest), {}, "", true}, 0);
    if (response.status == 404) return false;
    if (response.status / 100 == 2) return true;
    throw registryError("HEAD blob " + repo.name() + "@" + digest, response, repo.registry,
                        shared_->secrets);
}

std::string HttpRegistryClient::getBlob(const Repository& repo, const std::string& digest,
                                        std::size_t maxBytes) {
    requireDigest(digest, repo);
    const std::string what = "blob " + repo.name() + "@" + digest;
    Call request{"GET", blobPath(repo, digest), {}, "", true};
    return checkedFetch(repo, request, [&] {
        HttpResponse response;
        try {
            response = call(repo, request, maxBytes);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::TooLarge) throw;
            throw Error(ErrorKind::TooLarge, what + " is larger than the limit of " +
                                                 std::to_string(maxBytes) + " bytes");
        }
        if (response.status / 100 != 2)
            throw registryError("GET " + what, response, repo.registry, shared_->secrets);
        if (digestLike(digest, response.body) != digest) {
            throw CorruptContent{what + ": the content the registry sent has digest " +
                                 digestLike(digest, response.body)};
        }
        return std::move(response.body);
    });
}

void HttpRegistryClient::readBlob(const Repository& repo, const std::string& digest,
                                  const std::function<void(std::istream&)>& consumer) {
    requireDigest(digest, repo);
    const std::string what = "blob " + repo.name() + "@" + digest;
    BodyConsumer verifying = [&](const HttpResponse&, std::istream& body) {
        ContentDigester digester(digest);
        DigestingStreamBuf buffer(body, digester);
        std::istream in(&buffer);
        consumer(in);
        in.clear();
        in.ignore(std::numeric_limits<std::streamsize>::max());  // hash what was not read
        std::string actual = digester.finish();
        if (actual != digest) {
            throw Error(ErrorKind::Registry,
                        what + ": the content the registry sent has digest " + actual);
        }
    };
    HttpResponse response =
        call(repo, {"GET", blobPath(repo, digest), {}, "", true}, kMaxSmallBody, &verifying);
    if (response.status / 100 != 2)
        throw registryError("GET " + what, response, repo.registry, shared_->secrets);
}

void HttpRegistryClient::putBlob(const Repository& repo, const std::string& digest,
                                 const std::string& data) {
    requireDigest(digest, repo);
    if (hasBlob(repo, digest)) return;
    pushBlob(repo, digest, data);
}

void HttpRegistryClient::pushBlob(const Repository& repo, const std::string& digest,
                                  const std::string& data) {
    requireDigest(digest, repo);
    if (digestLike(digest, data) != digest) {
        throw Error(ErrorKind::Internal, "blob for " + repo.name() + " does not have digest " +
                                             digest + "; not uploading it");
    }
    uploadBlob(repo, digest, data);
}

std::string HttpRegistryClient::uploadBlob(const Repository& repo, const std::string& digest,
                                           const std::string& data) {
    const std::string what = "upload of blob " + repo.name() + "@" + digest;
    Call restart{"POST", "/v2/" + repo.path + "/blobs/uploads/", {}, ""};
    RetryLoop loop(shared_->transport.policy(), deadline_);
    while (true) {
        std::string why;
        try {
            HttpResponse finished = uploadOnce(repo, digest, data);
            if (finished.status / 100 == 2) return finished.header("Docker-Content-Digest");
            if (!isRetryableStatus(finished.status) || loop.last())
                throw registryError("PUT " + what, finished, repo.registry, shared_->secrets);
            why = std::to_string(finished.status);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Network || loop.last()) throw;
            why = e.what();
        }
        // The upload session may be spent, and the blob may have landed: look, then start over.
        retryUnconfirmed(repo, restart, why, loop);
        if (hasBlob(repo, digest)) return digest;
    }
}

// POST for an upload session, then one PUT of the whole blob into it. The POST is retried by
// the transport (a lost answer only leaves an unused session); the PUT is sent once. Returns
// the PUT's answer.
HttpResponse HttpRegistryClient::uploadOnce(const Repository& repo, const std::string& digest,
                                            const std::string& data) {
    const std::string what = "upload of blob " + repo.name() + "@" + digest;
    HttpResponse started =
        call(repo, {"POST", "/v2/" + repo.path + "/blobs/uploads/", {}, "", false}, kMaxSmallBody);
    if (started.status != 202)
        throw registryError("POST " + what, started, repo.registry, shared_->secrets);
    std::string location = started.header("Location");
    if (location.empty()) {
        throw Error(ErrorKind::Registry, "POST " + what +
                                             ": the registry answered 202 without a "
                                             "Location to upload to");
    }
    Poco::URI target;
    try {
        target = resolve(repo, location);
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::Registry, "POST " + what + ": unusable Location \"" +
                                             secret::quoteUntrusted(location, shared_->secrets) +
                                             "\"");
    }
    target.addQueryParameter("digest", digest);
    HttpResponse finished = call(repo,
                                 {"PUT",
                                  target.toString(),
                                  {{"Content-Type", "application/octet-stream"}},
                                  data,
                                  false,
                                  false},
                                 kMaxSmallBody);
    return finished;
}

bool HttpRegistryClient::mountBlob(const Repository& repo, const std::string& digest,
                                   const Repository& from) {
    requireDigest(digest, repo);
    if (from.registry != repo.registry || from.path == repo.path) return false;
    Poco::URI path("/v2/" + repo.path + "/blobs/uploads/");
    path.addQueryParameter("mount", digest);
    path.addQueryParameter("from", from.path);
    HttpResponse response;
    try {
        response = call(repo, {"POST", path.getPathEtc(), {}, ""}, kMaxSmallBody);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Auth) return false;  // no pull on `from`: copy the bytes
        throw;
    }
    // 202 is an upload session opened instead; unused, the registry purges it.
    return response.status == 201;
}

std::optional<std::string> HttpRegistryClient::getReferrers(const Repository& repo,
                                                            const std::string& digest,
                                                            const std::string& artifactType) {
    requireDigest(digest, repo);
    std::string path = "/v2/" + repo.path + "/referrers/" + digest;
    if (!artifactType.empty()) {
        Poco::URI withQuery(path);
        withQuery.addQueryParameter("artifactType", artifactType);
        path = withQuery.getPathEtc();
    }
    HttpResponse response = call(
        repo, {"GET", path, {{"Accept", media_type::kOciIndex}}, "", false}, kMaxManifestBytes);
    if (response.status == 404 || response.status == 400 || response.status == 405)
        return std::nullopt;
    if (response.status == 200 &&
        bareMediaType(response.header("Content-Type")) != media_type::kOciIndex)
        return std::nullopt;
    if (response.status != 200) {
        throw registryError("GET referrers of " + repo.name() + "@" + digest, response,
                            repo.registry, shared_->secrets);
    }
    return std::move(response.body);
}

}  // namespace signet::oci
