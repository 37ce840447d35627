#include "config/SigstoreSetup.h"

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

sigstore::ServiceUrls serviceUrls(const SigstoreSettings& settings, std::time_t now) {
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
    return urls;
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
