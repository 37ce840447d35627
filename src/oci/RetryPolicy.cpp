#include "oci/RetryPolicy.h"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace signet::oci {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::optional<std::chrono::milliseconds> parseSeconds(std::string_view text,
                                                      std::chrono::milliseconds cap) {
    if (text.empty() || text.size() > 12) return std::nullopt;
    long long seconds = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        seconds = seconds * 10 + (c - '0');
    }
    return std::min<std::chrono::milliseconds>(std::chrono::seconds(seconds), cap);
}

// The three HTTP-date forms of RFC 7231 §7.1.1.1, parsed strictly (the whole text must match).
std::optional<std::chrono::milliseconds> parseHttpDate(std::string_view text,
                                                       std::chrono::system_clock::time_point now,
                                                       std::chrono::milliseconds cap) {
    const std::string value(text);
    std::optional<std::time_t> target;
    for (const char* format :
         {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"}) {
        std::tm parts{};
        const char* end = strptime(value.c_str(), format, &parts);
        if (end && *end == '\0') {
            target = timegm(&parts);
            break;
        }
    }
    if (!target || *target == static_cast<std::time_t>(-1)) return std::nullopt;
    // Whole seconds in time_t: dates far from now must not overflow a chrono conversion.
    std::time_t nowSeconds = std::chrono::system_clock::to_time_t(now);
    if (*target <= nowSeconds) return std::chrono::milliseconds(0);
    auto capSeconds = std::chrono::duration_cast<std::chrono::seconds>(cap).count();
    if (*target - nowSeconds >= capSeconds) return cap;
    return std::chrono::milliseconds(static_cast<long long>(*target - nowSeconds) * 1000);
}

}  // namespace

bool isRetryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
}

std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now,
                                                         std::chrono::milliseconds cap) {
    std::string_view text = trim(value);
    if (text.empty()) return std::nullopt;
    if (std::isdigit(static_cast<unsigned char>(text.front()))) return parseSeconds(text, cap);
    return parseHttpDate(text, now, cap);
}

std::chrono::milliseconds backoffDelay(int retry, const RetryPolicy& policy, std::mt19937& rng) {
    long long full = policy.baseDelay.count();
    for (int i = 1; i < retry && full < policy.maxDelay.count(); ++i) full *= 2;
    full = std::min<long long>(full, policy.maxDelay.count());
    if (full <= 1) return std::chrono::milliseconds(full);
    std::uniform_int_distribution<long long> jitter(full / 2, full);
    return std::chrono::milliseconds(jitter(rng));
}

}  // namespace signet::oci
