// SigstoreFlags: cosign's prompt, transparency-log, timestamp and claim flags on sign/attest and
// the verify commands, over the SIGNET_* settings of the environment.
#pragma once

#include <memory>
#include <optional>

#include "cli/ArgumentParser.h"
#include "config/Environment.h"
#include "config/TaskSpec.h"
#include "cosign/KeylessVerification.h"
#include "cosign/SignatureFormat.h"
#include "cosign/WitnessVerification.h"
#include "sigstore/SigstoreServices.h"

namespace signet::cli {

// sign, attest, sign-blob: -y/--yes (accepted: signet never prompts), --signature-format
// legacy|bundle and cosign's --new-bundle-format (true: bundle), --tlog-upload, --rekor-url,
// --timestamp-server-url, --signing-config, --trusted-root and --use-signing-config (true
// only with --signing-config: signet reads no TUF repository).
struct SigningFlags {
    bool yes = false;
    std::optional<bool> tlogUpload;
    bool newBundleFormat = false;
    bool useSigningConfig = false;
    std::string signatureFormat;
    std::string rekorUrl, tsaUrl, signingConfig, trustedRoot;
    // Keyless: --keyless, --fulcio-url, --identity-token, --identity-token-file.
    std::optional<bool> keyless;
    std::string fulcioUrl, identityToken, identityTokenFile;
    bool bundles = true;  // as addTo was told

    // `bundles`: the command can write Sigstore bundles (sign-blob cannot yet, nor log).
    void addTo(ArgumentParser& parser, bool bundles = true);
    // The format asked for; throws Error(Usage) for refused flags and --signature-format legacy
    // with --new-bundle-format.
    cosign::SignatureFormat check() const;
    // The environment's settings (SIGNET_REKOR_URL, …) with these flags over them.
    config::SigstoreSettings settings(const Environment& env) const;
};

// The services `settings` name (with `keyless`, Fulcio and GitHub's token endpoint too),
// connected with the registry's CA file, retries and timeouts from the environment, and the
// trusted root that checks their answers; null when no service is named. Throws
// Error(Usage/Config), and keylessUnwitnessed() for keyless with neither log nor TSA.
std::unique_ptr<sigstore::SigstoreServices> connectSigstore(
    const config::SigstoreSettings& settings, const Environment& env, bool keyless = false);

// verify, verify-attestation: --insecure-ignore-tlog, --trusted-root (its logs and timestamp
// authorities; a verified log entry is then required), --use-signed-timestamps (a verified
// RFC 3161 timestamp is required) and --check-claims (true: signet always checks them).
struct VerifyingFlags {
    bool insecureIgnoreTlog = false;
    bool checkClaims = true;
    bool useSignedTimestamps = false;
    bool bundlesOnly = false;  // --new-bundle-format: never read the .sig/.att tag
    std::string trustedRoot;

    void addTo(ArgumentParser& parser);
    // Throws Error(Usage) for --check-claims=false and --use-signed-timestamps without a
    // trusted root.
    void check() const;
    // The trusted root (the flag, else SIGNET_TRUSTED_ROOT), loaded; nullopt when none.
    std::optional<sigstore::TrustedRoot> loadRoot(const Environment& env) const;
    // The rules over `root` (loaded by loadRoot and kept alive by the caller).
    cosign::WitnessPolicy policy(const sigstore::TrustedRoot* root) const;
};

// verify: cosign's keyless flags — --certificate-identity[-regexp],
// --certificate-oidc-issuer[-regexp], --certificate-github-workflow-{trigger,sha,name,repository,
// ref} and --insecure-ignore-sct.
struct CertificateIdentityFlags {
    sigstore::IdentityPolicy identity;
    bool ignoreSct = false;

    void addTo(ArgumentParser& parser);
    bool given() const;
    // The keyless rules over `root`, or nullopt when no identity flag is given. Throws
    // Error(Usage) for an identity without an issuer (or the reverse), a regexp that does not
    // compile, and a missing trusted root.
    std::optional<cosign::KeylessPolicy> policy(const sigstore::TrustedRoot* root) const;
};

}  // namespace signet::cli
