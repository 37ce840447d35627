#include "cli/SigstoreFlags.h"

#include <ctime>

#include "config/RegistryFromEnvironment.h"
#include "config/SigstoreSetup.h"
#include "error/Error.h"

namespace signet::cli {

void SigningFlags::addTo(ArgumentParser& parser, bool bundles) {
    this->bundles = bundles;
    parser.flag("--yes,-y", &yes, "accepted for cosign's scripts: signet never prompts");
    if (bundles) {
        parser.option("--signature-format", &signatureFormat,
                      "legacy (cosign's .sig tag, the default) or bundle (cosign v3's Sigstore "
                      "bundle as an OCI 1.1 referrer)");
    }
    parser.flag("--new-bundle-format", &newBundleFormat,
                bundles ? "cosign's switch: true is --signature-format bundle"
                        : "write a Sigstore bundle: only =false for now");
    if (!bundles) {
        parser.flag("--tlog-upload", &tlogUpload,
                    "upload to a Rekor transparency log: only =false for sign-blob");
        parser.flag("--use-signing-config", &useSigningConfig,
                    "take Sigstore's service URLs from a signing config: only =false for "
                    "sign-blob");
        return;
    }
    parser.flag("--tlog-upload", &tlogUpload,
                "record the signature in a Rekor transparency log (true without --rekor-url: "
                "the public-good rekor.sigstore.dev; default: only when a URL or signing config "
                "is given; SIGNET_TLOG_UPLOAD)");
    parser.option("--rekor-url", &rekorUrl, "the Rekor API v1 instance (SIGNET_REKOR_URL)");
    parser.option("--timestamp-server-url", &tsaUrl,
                  "an RFC 3161 timestamp authority endpoint (SIGNET_TSA_URL)");
    parser.option(
        "--signing-config", &signingConfig,
        "a Sigstore signing config v0.2 naming Rekor and the TSA (SIGNET_SIGNING_CONFIG)");
    parser.option("--trusted-root", &trustedRoot,
                  "a trusted_root.json the log entry and timestamp must verify with "
                  "(SIGNET_TRUSTED_ROOT)");
    parser.flag("--use-signing-config", &useSigningConfig,
                "cosign's switch: true needs --signing-config (signet reads no TUF repository)");
    parser.flag("--keyless", &keyless,
                "sign with an ephemeral key Fulcio certifies for the CI's OIDC identity (default: "
                "when no key is given and an identity token is available; SIGNET_KEYLESS)");
    parser.option("--fulcio-url", &fulcioUrl,
                  "the Fulcio instance for keyless signing (SIGNET_FULCIO_URL; default: the "
                  "signing config's)");
    parser.option("--identity-token", &identityToken,
                  "the OIDC identity token for keyless signing, or a file holding it "
                  "(SIGSTORE_ID_TOKEN)");
    parser.option("--identity-token-file", &identityTokenFile,
                  "a file holding the identity token (SIGNET_IDENTITY_TOKEN_FILE; default "
                  "/var/run/sigstore/cosign/oidc-token when it exists)");
}

cosign::SignatureFormat SigningFlags::check() const {
    if (!bundles && (tlogUpload == true || useSigningConfig)) {
        throw Error(ErrorKind::Usage,
                    std::string(tlogUpload == true ? "--tlog-upload" : "--use-signing-config") +
                        "=true: signet does not log blob signatures in Rekor (nor timestamp them) "
                        "yet; pass "
                        "=false (the signature then verifies with cosign verify-blob "
                        "--insecure-ignore-tlog)");
    }
    if (useSigningConfig && signingConfig.empty()) {
        throw Error(ErrorKind::Usage,
                    "--use-signing-config=true takes Sigstore's signing config from TUF, which "
                    "signet does not read: give the file with --signing-config FILE, or name the "
                    "services with --rekor-url and --timestamp-server-url");
    }
    auto format = signatureFormat.empty()
                      ? cosign::SignatureFormat::Legacy
                      : cosign::parseSignatureFormat(signatureFormat, "--signature-format");
    if (newBundleFormat) {
        if (!signatureFormat.empty() && format != cosign::SignatureFormat::Bundle) {
            throw Error(
                ErrorKind::Usage,
                "--new-bundle-format=true contradicts --signature-format " + signatureFormat);
        }
        format = cosign::SignatureFormat::Bundle;
    }
    return format;
}

config::SigstoreSettings SigningFlags::settings(const Environment& env) const {
    config::SigstoreSettings settings = config::sigstoreSettingsFromEnvironment(env);
    if (tlogUpload) settings.tlogUpload = tlogUpload;
    auto over = [](std::optional<std::string>& setting, const std::string& flag) {
        if (!flag.empty()) setting = flag;
    };
    over(settings.rekorUrl, rekorUrl);
    over(settings.tsaUrl, tsaUrl);
    over(settings.signingConfig, signingConfig);
    over(settings.trustedRoot, trustedRoot);
    over(settings.fulcioUrl, fulcioUrl);
    over(settings.identityTokenFile, identityTokenFile);
    if (keyless) settings.keyless = keyless;
    if (!identityToken.empty()) settings.identityToken = crypto::SecretBytes(identityToken);
    return settings;
}

std::unique_ptr<sigstore::SigstoreServices> connectSigstore(
    const config::SigstoreSettings& settings, const Environment& env, bool keyless) {
    const sigstore::ServiceUrls urls = config::serviceUrls(settings, std::time(nullptr), keyless);
    if (keyless && !urls.any()) throw config::keylessUnwitnessed();
    if (!urls.any()) return nullptr;
    return std::make_unique<sigstore::SigstoreServices>(
        urls, config::registryOptionsFromEnvironment(env), config::trustedRootOf(settings),
        keyless ? env.getOr("ACTIONS_ID_TOKEN_REQUEST_URL", "") : "");
}

void VerifyingFlags::addTo(ArgumentParser& parser) {
    parser.flag("--insecure-ignore-tlog", &insecureIgnoreTlog,
                "do not look at transparency-log entries (nor require one)");
    parser.option("--trusted-root", &trustedRoot,
                  "a trusted_root.json: log entries and timestamps must verify with its keys, "
                  "and each signature needs a verified log entry (SIGNET_TRUSTED_ROOT)");
    parser.flag("--use-signed-timestamps", &useSignedTimestamps,
                "require an RFC 3161 timestamp that verifies with the trusted root");
    parser.flag("--new-bundle-format", &bundlesOnly,
                "verify Sigstore bundle referrers only, never the .sig/.att tag (default: the "
                "bundles when the digest has any, else the tag, as cosign v3)");
    parser.flag("--check-claims", &checkClaims,
                "check the payload names the image digest: always true in signet");
}

void VerifyingFlags::check() const {
    if (!checkClaims) {
        throw Error(ErrorKind::Usage,
                    "--check-claims=false is not supported: signet always checks that the "
                    "signed payload names the image's digest");
    }
}

std::optional<sigstore::TrustedRoot> VerifyingFlags::loadRoot(const Environment& env) const {
    config::SigstoreSettings settings = config::sigstoreSettingsFromEnvironment(env);
    if (!trustedRoot.empty()) settings.trustedRoot = trustedRoot;
    auto root = config::trustedRootOf(settings);
    if (useSignedTimestamps && !root) {
        throw Error(ErrorKind::Usage,
                    "--use-signed-timestamps needs the timestamp authorities to trust: give "
                    "--trusted-root FILE");
    }
    return root;
}

cosign::WitnessPolicy VerifyingFlags::policy(const sigstore::TrustedRoot* root) const {
    cosign::WitnessPolicy policy;
    policy.root = root;
    policy.ignoreTlog = insecureIgnoreTlog;
    policy.requireTlog = root != nullptr && !insecureIgnoreTlog;
    policy.requireTimestamp = useSignedTimestamps;
    return policy;
}

void CertificateIdentityFlags::addTo(ArgumentParser& parser) {
    parser.option("--certificate-identity", &identity.identity,
                  "keyless: the identity (email or URI) the signing certificate must name");
    parser.option("--certificate-identity-regexp", &identity.identityRegexp,
                  "keyless: a regular expression one of the certificate's identities must match");
    parser.option("--certificate-oidc-issuer", &identity.issuer,
                  "keyless: the OIDC issuer the certificate must name, e.g. "
                  "https://token.actions.githubusercontent.com");
    parser.option("--certificate-oidc-issuer-regexp", &identity.issuerRegexp,
                  "keyless: a regular expression the certificate's OIDC issuer must match");
    parser.option("--certificate-github-workflow-trigger", &identity.githubWorkflowTrigger,
                  "keyless: the GitHub event that triggered the signing workflow");
    parser.option("--certificate-github-workflow-sha", &identity.githubWorkflowSha,
                  "keyless: the commit the signing workflow ran at");
    parser.option("--certificate-github-workflow-name", &identity.githubWorkflowName,
                  "keyless: the signing workflow's name");
    parser.option("--certificate-github-workflow-repository", &identity.githubWorkflowRepository,
                  "keyless: the repository of the signing workflow (owner/name)");
    parser.option("--certificate-github-workflow-ref", &identity.githubWorkflowRef,
                  "keyless: the git ref of the signing workflow, e.g. refs/heads/main");
    parser.flag("--insecure-ignore-sct", &ignoreSct,
                "keyless: accept a certificate without a verified certificate-transparency SCT");
}

bool CertificateIdentityFlags::given() const {
    const auto& p = identity;
    for (const std::string* value :
         {&p.identity, &p.identityRegexp, &p.issuer, &p.issuerRegexp, &p.githubWorkflowTrigger,
          &p.githubWorkflowSha, &p.githubWorkflowName, &p.githubWorkflowRepository,
          &p.githubWorkflowRef})
        if (!value->empty()) return true;
    return false;
}

std::optional<cosign::KeylessPolicy> CertificateIdentityFlags::policy(
    const sigstore::TrustedRoot* root) const {
    if (!given()) return std::nullopt;
    if (identity.identity.empty() && identity.identityRegexp.empty())
        throw Error(ErrorKind::Usage,
                    "--certificate-identity or --certificate-identity-regexp is required for "
                    "keyless verification");
    if (identity.issuer.empty() && identity.issuerRegexp.empty())
        throw Error(ErrorKind::Usage,
                    "--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required "
                    "for keyless verification");
    sigstore::checkRegexps(identity);
    if (!root)
        throw Error(ErrorKind::Usage,
                    "keyless verification needs the Fulcio certificate authority and "
                    "certificate transparency log to trust: give --trusted-root FILE (or "
                    "SIGNET_TRUSTED_ROOT)");
    return cosign::KeylessPolicy{root, identity, ignoreSct};
}

}  // namespace signet::cli
