// WitnessVerification: whether what the witnesses said about a signature holds — cosign verify's
// transparency-log and --use-signed-timestamps rules over a trusted root.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "cosign/WitnessedSignature.h"
#include "sigstore/EntryBody.h"
#include "sigstore/TrustedRoot.h"

namespace signet::cosign {

struct WitnessPolicy {
    const sigstore::TrustedRoot* root = nullptr;  // null: no log or timestamp can be checked
    bool ignoreTlog = false;                      // --insecure-ignore-tlog: entries not looked at
    bool requireTlog = false;       // a verified entry is required (a trusted root was given)
    bool requireTimestamp = false;  // --use-signed-timestamps
};

// Empty when `witnessed` satisfies `policy` for `material` (the signature that verified, with
// the key that verified it), else the reason. Unless ignoreTlog, an entry that is there must
// record this signature, key and payload, and with a root its log key, SET or inclusion proof
// must verify too; and a timestamp that is there is checked when the root lists timestamp
// authorities; requireTlog and requireTimestamp make them mandatory. `proven` gets the time
// each witness that verified with the root vouches for (a log entry's integrated time, a
// timestamp's time).
std::string witnessProblem(const WitnessedSignature& witnessed,
                           const sigstore::SignedMaterial& material, const WitnessPolicy& policy,
                           std::vector<std::time_t>* proven = nullptr);

}  // namespace signet::cosign
