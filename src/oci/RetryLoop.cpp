#include "oci/RetryLoop.h"

#include <thread>

namespace signet::oci {

RetryLoop::RetryLoop(const RetryPolicy& policy, const net::Deadline& deadline)
    : policy_(policy), deadline_(deadline), rng_(std::random_device{}()) {}

void RetryLoop::next(std::optional<std::chrono::milliseconds> retryAfter, const std::string& what) {
    std::chrono::milliseconds wait =
        retryAfter ? *retryAfter : backoffDelay(attempt_, policy_, rng_);
    if (deadline_.bounded() && deadline_.remaining(wait) < wait)
        throw net::deadlinePassed(deadline_, what);
    std::this_thread::sleep_for(wait);
    ++attempt_;
}

}  // namespace signet::oci
