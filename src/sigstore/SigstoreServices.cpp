#include "sigstore/SigstoreServices.h"

#include <set>

#include "error/Error.h"

namespace signet::sigstore {
namespace {

Poco::URI serviceUri(const std::string& url, const std::string& what) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw Error(ErrorKind::Usage, what + " \"" + url + "\" is not a URL");
    }
    if ((uri.getScheme() != "https" && uri.getScheme() != "http") || uri.getHost().empty())
        throw Error(ErrorKind::Usage, what + " \"" + url + "\" is not an http(s) URL");
    return uri;
}

void allowPlain(const Poco::URI& uri, std::set<std::string>& hosts) {
    if (uri.getScheme() == "http")
        hosts.insert(uri.getHost() + ":" + std::to_string(uri.getPort()));
}

}  // namespace

SigstoreServices::SigstoreServices(const ServiceUrls& urls, const oci::RegistryOptions& connection,
                                   std::optional<TrustedRoot> root,
                                   const std::string& tokenEndpoint)
    : urls_(urls), root_(std::move(root)) {
    std::set<std::string> plain;
    std::optional<Poco::URI> rekor, tsa, fulcio;
    if (!urls.rekor.empty()) allowPlain(*(rekor = serviceUri(urls.rekor, "Rekor URL")), plain);
    if (!urls.tsa.empty()) allowPlain(*(tsa = serviceUri(urls.tsa, "timestamp server URL")), plain);
    if (!urls.fulcio.empty()) allowPlain(*(fulcio = serviceUri(urls.fulcio, "Fulcio URL")), plain);
    // GitHub's token endpoint is the runner's own (its environment names it).
    if (!tokenEndpoint.empty())
        allowPlain(serviceUri(tokenEndpoint, "ACTIONS_ID_TOKEN_REQUEST_URL"), plain);
    pool_ = std::make_unique<oci::ConnectionPool>(connection.caFile, connection.timeout);
    transport_ =
        std::make_unique<oci::HttpTransport>(*pool_, oci::RetryPolicy{connection.retries},
                                             connection.userAgent, std::set<std::string>{}, plain);
    if (rekor) log_ = std::make_unique<RekorLog>(*transport_, *rekor);
    if (tsa) timestamps_ = std::make_unique<TsaClient>(*transport_, *tsa);
    if (fulcio) fulcio_ = std::make_unique<FulcioClient>(*transport_, *fulcio);
}

Witnesses SigstoreServices::within(const net::Deadline& deadline, std::atomic<int>* retries) {
    return Witnesses{log_.get(), timestamps_.get(), deadline, retries, root_ ? &*root_ : nullptr};
}

std::unique_ptr<KeylessSigner> SigstoreServices::certify(const IdentityTokenSources& tokens,
                                                         secret::SecretSink& secrets,
                                                         const net::Deadline& deadline) {
    if (!fulcio_)
        throw Error(ErrorKind::Usage,
                    "keyless signing needs a Fulcio URL: --fulcio-url, SIGNET_FULCIO_URL or a "
                    "signing config's caUrls (https://fulcio.sigstore.dev is the public-good one)");
    if (!root_ || root_->certificateAuthorities.empty() || root_->ctlogs.empty())
        throw Error(ErrorKind::Usage,
                    "keyless signing needs a trusted root listing the Fulcio certificate "
                    "authority and its certificate transparency log: --trusted-root or "
                    "SIGNET_TRUSTED_ROOT");
    const IdentityToken token =
        obtainIdentityToken(tokens, *transport_, secrets, deadline, std::time(nullptr));
    return certifyEphemeralKey(token, *fulcio_, *root_, deadline, std::time(nullptr));
}

}  // namespace signet::sigstore
