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

}  // namespace

HttpRegistryClient::HttpRegistryClient(RegistryOptions options, std::shared_ptr<Keychain> keychain,
                                       secret::SecretSink& secrets)
    : options_(std::move(options)),
      keychain_(std::move(keychain)),
      secrets_(secrets),
      pool_(options_.caFile, options_.timeout),
      transport_(pool_, RetryPolicy{options_.retries}, options_.userAgent, options_.insecureHosts),
      auth_(
          transport_, [this](const Repository& repo) { return credentialsFor(repo); }, secrets) {}

HttpRegistryClient::~HttpRegistryClient() = default;

void HttpRegistryClient::setRetryHook(RetryHook hook) {
    transport_.setRetryHook(std::move(hook));
}
int HttpRegistryClient::attempts() const {
    return transport_.attempts();
}
int HttpRegistryClient::retries() const {
    return transport_.retries();
}
int HttpRegistryClient::tokenRequests() const {
    return auth_.tokenRequests();
}

Credentials HttpRegistryClient::credentialsFor(const Repository& repo) {
    if (options_.credentials && options_.credentials->appliesTo(repo.registry))
        return options_.credentials->credentials;
    return keychain_ ? keychain_->resolve(repo) : Credentials{};
}

std::string HttpRegistryClient::schemeFor(const std::string& registry) {
    if (options_.insecureHosts.count(registry) == 0) return "https";
    std::lock_guard<std::mutex> lock(schemeMutex_);
    if (auto it = schemes_.find(registry); it != schemes_.end()) return it->second;
    // An insecure host gets HTTPS (unverified) unless it speaks plain HTTP, where TLS would fail.
    // Asking in plain HTTP first is quick either way: a TLS server drops the connection or says
    // "Client sent an HTTP request to an HTTPS server", whereas a plain server handed a TLS hello
    // can sit on it until a timeout.
    Poco::URI endpoint("https://" + registry);
    auto plain = pool_.probe(endpoint.getHost(), endpoint.getPort(), false, options_.timeout);
    if (!plain.connected) return "https";  // unreachable now: the request itself reports it
    bool tlsOnly =
        !plain.http || (plain.status == 400 && plain.body.find("HTTPS") != std::string::npos);
    std::string scheme = tlsOnly ? "https" : "http";
    schemes_[registry] = scheme;
    return scheme;
}

Poco::URI HttpRegistryClient::resolve(const Repository& repo, const std::string& pathOrUrl) {
    if (pathOrUrl.rfind("https://", 0) == 0 || pathOrUrl.rfind("http://", 0) == 0)
        return Poco::URI(pathOrUrl);
    Poco::URI base(schemeFor(repo.registry) + "://" + repo.registry);
    return Poco::URI(base, pathOrUrl);
}

HttpResponse HttpRegistryClient::call(const Repository& repo, const Call& call, std::size_t maxBody,
                                      const BodyConsumer* consumer) {
    requireValidName(repo);
    HttpRequest request{call.method, {}, call.headers, call.body, call.followRedirects};
    try {
        request.uri = resolve(repo, call.path);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorKind::Registry, "registry " + repo.registry + " gave an unusable URL \"" +
                                             secret::quoteUntrusted(call.path, secrets_) + "\"");
    }
    Poco::URI registryUri(request.uri.getScheme() + "://" + repo.registry);
    bool toRegistry = request.uri.getHost() == registryUri.getHost() &&
                      request.uri.getPort() == registryUri.getPort();
    const std::string operation = call.method + " " + describeUri(request.uri);
    auto sendWith = [&](const std::string& authorization) {
        HttpRequest attempt = request;
        if (!authorization.empty() && toRegistry)
            attempt.headers.emplace_back("Authorization", authorization);
        return consumer ? transport_.stream(attempt, *consumer) : transport_.send(attempt, maxBody);
    };
    std::string sent = auth_.authorization(repo);
    HttpResponse response = sendWith(sent);
    if (response.status == 401) {
        std::string next = auth_.afterUnauthorized(repo, response, sent, operation);
        response = sendWith(next);
        if (response.status == 401)
            throw registryError(operation, response, repo.registry, secrets_);
    }
    return response;
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
        throw registryError(request.method + " " + what, response, repo.registry, secrets_);

    ManifestResponse manifest;
    manifest.mediaType = bareMediaType(response.header("Content-Type"));
    std::string reported = response.header("Docker-Content-Digest");
    if (head) {
        if (!isValidDigest(reported)) {
            if (isValidDigest(reference)) {
                reported = reference;
            } else {
                auto full = fetchManifest(repo, reference, false);  // the digest must be computed
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
        throw Error(ErrorKind::Registry, what + ": the content the registry sent has digest " +
                                             digestLike(reference, manifest.body) +
                                             "; refusing it");
    }
    if (isValidDigest(reported) && digestLike(reported, manifest.body) != reported) {
        throw Error(ErrorKind::Registry,
                    what + ": Docker-Content-Digest " + reported + " does not match the body");
    }
    manifest.digest = isValidDigest(reported)    ? reported
                      : isValidDigest(reference) ? reference
                                                 : crypto::sha256Digest(manifest.body);
    return manifest;
}

std::string HttpRegistryClient::putManifest(const Repository& repo, const std::string& reference,
                                            const std::string& mediaType, const std::string& body) {
    Call request{"PUT", manifestPath(repo, reference), {{"Content-Type", mediaType}}, body, false};
    HttpResponse response = call(repo, request, kMaxSmallBody);
    if (response.status / 100 != 2) {
        throw registryError("PUT manifest " + repo.name() + ":" + reference, response,
                            repo.registry, secrets_);
    }
    std::string reported = response.header("Docker-Content-Digest");
    return isValidDigest(reported) ? reported : crypto::sha256Digest(body);
}

bool HttpRegistryClient::hasBlob(const Repository& repo, const std::string& digest) {
    requireDigest(digest, repo);
    HttpResponse response = call(repo, {"HEAD", blobPath(repo, digest), {}, "", true}, 0);
    if (response.status == 404) return false;
    if (response.status / 100 == 2) return true;
    throw registryError("HEAD blob " + repo.name() + "@" + digest, response, repo.registry,
                        secrets_);
}

std::string HttpRegistryClient::getBlob(const Repository& repo, const std::string& digest,
                                        std::size_t maxBytes) {
    requireDigest(digest, repo);
    const std::string what = "blob " + repo.name() + "@" + digest;
    HttpResponse response;
    try {
        response = call(repo, {"GET", blobPath(repo, digest), {}, "", true}, maxBytes);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::TooLarge) throw;
        throw Error(ErrorKind::TooLarge,
                    what + " is larger than the limit of " + std::to_string(maxBytes) + " bytes");
    }
    if (response.status / 100 != 2)
        throw registryError("GET " + what, response, repo.registry, secrets_);
    if (digestLike(digest, response.body) != digest) {
        throw Error(ErrorKind::Registry, what + ": the content the registry sent has digest " +
                                             digestLike(digest, response.body) + "; refusing it");
    }
    return std::move(response.body);
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
        throw registryError("GET " + what, response, repo.registry, secrets_);
}

void HttpRegistryClient::putBlob(const Repository& repo, const std::string& digest,
                                 const std::string& data) {
    requireDigest(digest, repo);
    if (digestLike(digest, data) != digest) {
        throw Error(ErrorKind::Internal, "blob for " + repo.name() + " does not have digest " +
                                             digest + "; not uploading it");
    }
    if (hasBlob(repo, digest)) return;
    uploadBlob(repo, digest, data);
}

std::string HttpRegistryClient::uploadBlob(const Repository& repo, const std::string& digest,
                                           const std::string& data) {
    const std::string what = "upload of blob " + repo.name() + "@" + digest;
    HttpResponse started =
        call(repo, {"POST", "/v2/" + repo.path + "/blobs/uploads/", {}, "", false}, kMaxSmallBody);
    if (started.status != 202)
        throw registryError("POST " + what, started, repo.registry, secrets_);
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
                                             secret::quoteUntrusted(location, secrets_) + "\"");
    }
    target.addQueryParameter("digest", digest);
    HttpResponse finished = call(
        repo,
        {"PUT", target.toString(), {{"Content-Type", "application/octet-stream"}}, data, false},
        kMaxSmallBody);
    if (finished.status / 100 != 2)
        throw registryError("PUT " + what, finished, repo.registry, secrets_);
    return finished.header("Docker-Content-Digest");
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
    if (response.status == 404) return std::nullopt;
    if (response.status != 200) {
        throw registryError("GET referrers of " + repo.name() + "@" + digest, response,
                            repo.registry, secrets_);
    }
    return std::move(response.body);
}

std::unique_ptr<HttpRegistryClient> makeRegistryClient(const Environment& env,
                                                       secret::SecretSink& secrets) {
    return std::make_unique<HttpRegistryClient>(
        registryOptionsFromEnvironment(env), std::make_shared<DockerConfigKeychain>(env, secrets),
        secrets);
}

}  // namespace signet::oci
