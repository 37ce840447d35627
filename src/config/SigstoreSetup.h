// SigstoreSetup: the Sigstore settings resolved at the door — which services sign along (Rekor,
// timestamp authority) and which trusted root their answers are checked with.
#pragma once

#include <ctime>
#include <optional>

#include "config/Environment.h"
#include "config/TaskSpec.h"
#include "error/Error.h"
#include "sigstore/IdentityTokenSources.h"
#include "sigstore/SigstoreServices.h"
#include "sigstore/TrustedRoot.h"

namespace signet::config {

inline constexpr const char* kPublicGoodRekor = "https://rekor.sigstore.dev";

// SIGNET_TLOG_UPLOAD, SIGNET_REKOR_URL, SIGNET_TSA_URL, SIGNET_SIGNING_CONFIG and
// SIGNET_TRUSTED_ROOT, parsed by the setting table (for the commands other than run, whose
// flags then override them). Throws Error(Config) for a bad value.
SigstoreSettings sigstoreSettingsFromEnvironment(const Environment& env);

// The services to sign with: an explicit URL, else the signing config's (its services valid
// at `now`); the log also when tlogUpload is true (the public-good Rekor when nothing names
// one), never when it is false; Fulcio only when `keyless`. Throws Error(Usage) for tlog upload
// false with a Rekor URL, Error(Config) for a signing config that cannot be read.
sigstore::ServiceUrls serviceUrls(const SigstoreSettings& settings, std::time_t now,
                                  bool keyless = false);

// Where keyless signing looks for its identity token: the settings' token (flag or
// SIGSTORE_ID_TOKEN), GitHub's ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, the token file setting,
// else cosign's default file when it exists.
sigstore::IdentityTokenSources identityTokenSources(const SigstoreSettings& settings,
                                                    const Environment& env);

// Whether to sign keyless: the keyless setting when it is set, else when no key is configured
// and a token source is available (cosign signs keyless whenever no key is given). Throws
// Error(Usage) for keyless=true with a key configured.
bool keylessChosen(const SigstoreSettings& settings, const sigstore::IdentityTokenSources& tokens,
                   bool keyConfigured);

// The Usage error for keyless signing with no log or timestamp authority: nothing would prove
// the ten-minute certificate was valid when it signed.
Error keylessUnwitnessed();

// The Usage error for logging or timestamping a legacy .att attestation: cosign logs those as
// Rekor intoto entries, which signet does not write; bundles carry a dsse entry instead.
Error legacyAttestationRefused();

// The trusted root the settings name, or nullopt. Throws Error(Config).
std::optional<sigstore::TrustedRoot> trustedRootOf(const SigstoreSettings& settings);

}  // namespace signet::config
