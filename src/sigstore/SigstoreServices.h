// SigstoreServices: the Rekor instance, timestamp authority and (keyless) Fulcio a command signs
// with, over one
// HTTP transport with the registry's TLS (CA file), retry and per-request timeout rules.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "oci/ConnectionPool.h"
#include "oci/HttpTransport.h"
#include "oci/RegistryOptions.h"
#include "secret/SecretSink.h"
#include "sigstore/Fulcio.h"
#include "sigstore/IdentityTokenSources.h"
#include "sigstore/KeylessSigner.h"
#include "sigstore/TimestampAuthority.h"
#include "sigstore/TransparencyLog.h"
#include "sigstore/Witnesses.h"

namespace signet::sigstore {

// Which services to use (empty: none). Nothing is sent anywhere unless a URL is set here.
struct ServiceUrls {
    std::string rekor;   // base URL, e.g. https://rekor.sigstore.dev
    std::string tsa;     // endpoint, e.g. https://timestamp.sigstore.dev/api/v1/timestamp
    std::string fulcio;  // base URL, e.g. https://fulcio.sigstore.dev (keyless signing only)

    // A witness is named (a log or a timestamp authority).
    bool any() const { return !rekor.empty() || !tsa.empty(); }
};

class SigstoreServices {
  public:
    // A plain-http URL is spoken to in plain HTTP (the user gave it); `connection` gives the
    // CA file, retries, timeout and user agent. Throws Error(Usage) for a URL that is not
    // http(s).
    // With `root`, every entry and timestamp they give must verify with it.
    // `tokenEndpoint`: GitHub's ACTIONS_ID_TOKEN_REQUEST_URL, spoken to as it says (keyless).
    SigstoreServices(const ServiceUrls& urls, const oci::RegistryOptions& connection,
                     std::optional<TrustedRoot> root = std::nullopt,
                     const std::string& tokenEndpoint = "");
    SigstoreServices(const SigstoreServices&) = delete;
    SigstoreServices& operator=(const SigstoreServices&) = delete;

    // The services as witnesses whose calls end by `deadline`, their retries counted in
    // `retries` when given (a job's own count; attempts() and retries() count them all).
    Witnesses within(const net::Deadline& deadline, std::atomic<int>* retries = nullptr);
    // Keyless signing: the token from the first of `tokens` set, and a fresh key certified for
    // it by the Fulcio URL (checked with the trusted root, which it needs). Throws
    // Error(Usage) without a Fulcio URL or trusted root, and certifyEphemeralKey's errors.
    std::unique_ptr<KeylessSigner> certify(const IdentityTokenSources& tokens,
                                           secret::SecretSink& secrets,
                                           const net::Deadline& deadline);
    const ServiceUrls& urls() const { return urls_; }
    int attempts() const { return transport_->attempts(); }
    int retries() const { return transport_->retries(); }
    void setRetryHook(oci::RetryHook hook) { transport_->setRetryHook(std::move(hook)); }

  private:
    ServiceUrls urls_;
    std::optional<TrustedRoot> root_;
    std::unique_ptr<oci::ConnectionPool> pool_;
    std::unique_ptr<oci::HttpTransport> transport_;
    std::unique_ptr<RekorLog> log_;
    std::unique_ptr<TsaClient> timestamps_;
    std::unique_ptr<FulcioClient> fulcio_;
};

}  // namespace signet::sigstore
