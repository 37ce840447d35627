// RetryLoop: the attempts of one operation under a RetryPolicy and a Deadline, with the waits
// between them.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "net/Deadline.h"
#include "oci/RetryPolicy.h"

namespace signet::oci {

class RetryLoop {
  public:
    RetryLoop(const RetryPolicy& policy, const net::Deadline& deadline);

    int attempt() const { return attempt_; }                          // 1-based, the current one
    int attempts() const { return policy_.maxRetries + 1; }           // how many there may be
    bool last() const { return attempt_ >= policy_.maxRetries + 1; }  // no retry may follow

    // Before the next attempt: sleeps `retryAfter` (a registry's Retry-After) or the jittered
    // back-off, then counts the attempt. Throws net::deadlinePassed(what) instead of sleeping
    // when the deadline would pass before the wait ends.
    void next(std::optional<std::chrono::milliseconds> retryAfter, const std::string& what);

  private:
    RetryPolicy policy_;
    net::Deadline deadline_;
    int attempt_ = 1;
};

}  // namespace signet::oci
