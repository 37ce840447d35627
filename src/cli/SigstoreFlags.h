// SigstoreFlags: cosign's prompt, transparency-log and claim flags on sign/attest and the verify
// commands, with what signet does about them until it talks to Rekor (the Sigstore issues).
#pragma once

#include "cli/ArgumentParser.h"

namespace signet::cli {

// sign, attest: -y/--yes (accepted: signet never prompts) and --tlog-upload (false: what signet
// does; true, or given bare: refused until signet can upload to a Rekor log).
struct SigningFlags {
    bool yes = false;
    bool tlogUpload = false;

    void addTo(ArgumentParser& parser);
    // Throws Error(Usage) for --tlog-upload=true.
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
