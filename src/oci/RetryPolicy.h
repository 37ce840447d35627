// RetryPolicy: which registry failures are retried, how long to wait, and Retry-After parsing.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace signet::oci {

struct RetryPolicy {
    int maxRetries = 3;                              // attempts = maxRetries + 1
    std::chrono::milliseconds baseDelay{250};        // first backoff, doubled per attempt
    std::chrono::milliseconds maxDelay{8000};        // cap of the exponential backoff
    std::chrono::milliseconds maxRetryAfter{60000};  // cap on a registry's Retry-After
};

// 429 and 5xx (and 408) are transient; 400/401/403/404 and everything else are not.
bool isRetryableStatus(int status);

// Retry-After as delta-seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"),
// measured from `now` and capped at `cap`; a date in the past gives zero. nullopt when unparsable.
std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now,
                                                         std::chrono::milliseconds cap);

// Jittered exponential backoff before retry number `retry` (1-based): a random duration in
// [d/2, d] where d = min(baseDelay * 2^(retry-1), maxDelay).
std::chrono::milliseconds backoffDelay(int retry, const RetryPolicy& policy, std::mt19937& rng);

}  // namespace signet::oci
