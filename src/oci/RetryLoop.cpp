#include "oci/RetryLoop.h"

#include <random>
#include <thread>

namespace signet::oci {

namespace {

// One generator per thread: a RetryLoop is made for every request, and most never wait.
std::mt19937& jitterSource() {
    thread_local std::mt19937 rng(std::random_device{}());
    return rng;
}

}  // namespace

RetryLoop::RetryLoop(const RetryPolicy& policy, const net::Deadline& deadline)
    : policy_(policy), deadline_(deadline) {}

void RetryLoop::next(std::optional<std::chrono::milliseconds> retryAfter, const std::string& what) {
    std::chrono::milliseconds wait =
        retryAfter ? *retryAfter : backoffDelay(attempt_, policy_, jitterSource());
    if (deadline_.bounded() && deadline_.remaining(wait) < wait)
        throw net::deadlinePassed(deadline_, what);
    std::this_thread::sleep_for(wait);
    ++attempt_;
}

}  // namespace signet::oci
