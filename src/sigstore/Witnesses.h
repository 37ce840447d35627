// Witnesses: the services that vouch for a signature as it is made — a transparency log and a
// timestamp authority, either or both absent — and the deadline their calls end by.
#pragma once

#include <atomic>

#include "net/Deadline.h"
#include "sigstore/TimestampAuthority.h"
#include "sigstore/TransparencyLog.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {

struct Witnesses {
    TransparencyLog* log = nullptr;            // null: no log entry
    TimestampAuthority* timestamps = nullptr;  // null: no RFC 3161 timestamp
    net::Deadline deadline;
    std::atomic<int>* retries = nullptr;  // when set, counts the retries of their calls
    const TrustedRoot* root = nullptr;    // when set, what they answer must verify with it

    bool any() const { return log || timestamps; }
};

}  // namespace signet::sigstore
