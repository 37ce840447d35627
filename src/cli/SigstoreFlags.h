// SigstoreFlags: cosign's prompt, transparency-log and claim flags on sign/attest and the verify
// commands, with what signet does about them until it talks to Rekor (the Sigstore issues).
#pragma once

#include "cli/ArgumentParser.h"
#include "cosign/SignatureFormat.h"

namespace signet::cli {

// sign, attest, sign-blob: -y/--yes (accepted: signet never prompts), --signature-format
// legacy|bundle and cosign's --new-bundle-format (true: bundle), --tlog-upload and
// --use-signing-config (false: what signet does; true refused until signet talks to Rekor).
struct SigningFlags {
    bool yes = false;
    bool tlogUpload = false;
    bool newBundleFormat = false;
    bool useSigningConfig = false;
    std::string signatureFormat;

    // `bundles`: the command can write Sigstore bundles (sign-blob cannot yet).
    void addTo(ArgumentParser& parser, bool bundles = true);
    // The format asked for; throws Error(Usage) for refused flags and --signature-format legacy
    // with --new-bundle-format.
    cosign::SignatureFormat check() const;
};

// verify, verify-attestation: --insecure-ignore-tlog (accepted: signet checks no log yet) and
// --check-claims (true: signet always checks them; false refused).
struct VerifyingFlags {
    bool insecureIgnoreTlog = false;
    bool checkClaims = true;

    void addTo(ArgumentParser& parser);
    // Throws Error(Usage) for --check-claims=false.
    void check() const;
};

}  // namespace signet::cli
