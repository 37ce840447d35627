// SigstoreFlags: cosign's prompt, transparency-log and claim flags on sign/attest and the verify
// commands, with what signet does about them until it talks to Rekor (the Sigstore issues).
#pragma once

#include "cli/ArgumentParser.h"

namespace signet::cli {

// sign, attest, sign-blob: -y/--yes (accepted: signet never prompts), --tlog-upload,
// --new-bundle-format and --use-signing-config (false: what signet does, cosign v3's scripts
// for the legacy layout pass them; true, or given bare: refused until the Sigstore issues land).
struct SigningFlags {
    bool yes = false;
    bool tlogUpload = false;
    bool newBundleFormat = false;
    bool useSigningConfig = false;

    void addTo(ArgumentParser& parser);
    // Throws Error(Usage) for any of them true.
    void check() const;
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
