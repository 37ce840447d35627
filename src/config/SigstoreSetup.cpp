#include "config/SigstoreSetup.h"

#include <unistd.h>

#include "config/EnvironmentSettings.h"
#include "config/SettingApplier.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "sigstore/SigningConfig.h"

namespace signet::config {

SigstoreSettings sigstoreSettingsFromEnvironment(const Environment& env) {
    TaskSpec spec;
    for (const auto& setting : settingsFromEnvironment(env)) {
        if (setting.key.rfind("sigstore.", 0) == 0) applySetting(spec, setting);
    }
    return spec.sigstore;
}

sigstore::ServiceUrls serviceUrls(const SigstoreSettings& settings, std::time_t now, bool keyless) {
    if (settings.tlogUpload == false && settings.rekorUrl) {
        throw Error(ErrorKind::Usage, "a Rekor URL (" + *settings.rekorUrl + ") contradicts " +
                                          spellSetting("sigstore.tlog_upload", "false"));
    }
    std::optional<sigstore::SigningConfig> signing;
    if (settings.signingConfig) signing = sigstore::loadSigningConfig(*settings.signingConfig, now);
    sigstore::ServiceUrls urls;
    if (settings.tlogUpload != false) {
        if (settings.rekorUrl)
            urls.rekor = *settings.rekorUrl;
        else if (signing && !signing->rekorUrl.empty())
            urls.rekor = signing->rekorUrl;
        else if (settings.tlogUpload == true)
            urls.rekor = kPublicGoodRekor;
    }
    if (settings.tsaUrl)
        urls.tsa = *settings.tsaUrl;
    else if (signing)
        urls.tsa = signing->tsaUrl;
    if (keyless && settings.fulcioUrl)
        urls.fulcio = *settings.fulcioUrl;
    else if (keyless && signing)
        urls.fulcio = signing->fulcioUrl;
    return urls;
}

sigstore::IdentityTokenSources identityTokenSources(const SigstoreSettings& settings,
                                                    const Environment& env) {
    sigstore::IdentityTokenSources sources;
    if (settings.identityToken && !settings.identityToken->empty()) {
        sources.given = std::string(settings.identityToken->view());
        sources.givenOrigin = "--identity-token or SIGSTORE_ID_TOKEN";
    }
    sources.githubRequestUrl = env.getOr("ACTIONS_ID_TOKEN_REQUEST_URL", "");
    sources.githubRequestToken = env.getOr("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "");
    if (settings.identityTokenFile) {
        sources.file = *settings.identityTokenFile;
        sources.fileOrigin = "SIGNET_IDENTITY_TOKEN_FILE " + sources.file;
    } else if (::access(sigstore::kCosignTokenFile, R_OK) == 0) {
        sources.file = sigstore::kCosignTokenFile;
        sources.fileOrigin = sources.file;
    }
    return sources;
}

bool keylessChosen(const SigstoreSettings& settings, const sigstore::IdentityTokenSources& tokens,
                   bool keyConfigured) {
    if (settings.keyless == true && keyConfigured)
        throw Error(ErrorKind::Usage, spellSetting("sigstore.keyless", "true") +
                                          " contradicts the signing key that is configured: "
                                          "give one or the other");
    if (settings.keyless) return *settings.keyless;
    return !keyConfigured && tokens.any();
}

Error keylessUnwitnessed() {
    return Error(ErrorKind::Usage,
                 "keyless signing needs a transparency log or a timestamp authority to prove the "
                 "short-lived certificate was valid when it signed: " +
                     spellSetting("sigstore.rekor_url", "URL") + ", " +
                     spellSetting("sigstore.timestamp_server_url", "URL") + " or " +
                     spellSetting("sigstore.signing_config", "FILE"));
}

Error legacyAttestationRefused() {
    return Error(ErrorKind::Usage,
                 "a legacy .att attestation is not logged or timestamped by signet (cosign logs "
                 "it as a Rekor intoto entry): attest as a Sigstore bundle with " +
                     spellSetting("signature_format", "bundle") + ", or sign without a log (" +
                     spellSetting("sigstore.tlog_upload", "false") + ") and timestamp server");
}

std::optional<sigstore::TrustedRoot> trustedRootOf(const SigstoreSettings& settings) {
    if (!settings.trustedRoot) return std::nullopt;
    return sigstore::loadTrustedRoot(*settings.trustedRoot);
}

}  // namespace signet::config
