// Deadline: the moment by which an operation must end, passed down as a value to each socket call.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "error/Error.h"

namespace signet::net {

class Deadline {
  public:
    using Clock = std::chrono::steady_clock;

    Deadline() = default;  // unbounded: never passes
    // `budget` from now (the reference's --timeout / SIGNET_TIMEOUT).
    static Deadline after(std::chrono::milliseconds budget);

    bool bounded() const { return at_ != Clock::time_point::max(); }
    bool passed() const { return bounded() && Clock::now() >= at_; }
    Clock::time_point at() const { return at_; }
    std::chrono::milliseconds budget() const { return budget_; }
    // What is left (zero once passed); `limit` when unbounded or when less is left than that.
    std::chrono::milliseconds remaining(std::chrono::milliseconds limit) const;
    // The earlier of this deadline and `budget` from now.
    Deadline within(std::chrono::milliseconds budget) const;

  private:
    Clock::time_point at_ = Clock::time_point::max();
    std::chrono::milliseconds budget_{0};
};

// Error(Timeout): "<what>: not done within the 10s deadline (--timeout)", the timeout setting
// named as the wrapper in use spells it (error/SettingSpelling.h).
Error deadlinePassed(const Deadline& deadline, std::string_view what);

// "10s", "3m", "1m30s", "250ms": a duration as people write it.
std::string describeDuration(std::chrono::milliseconds duration);

}  // namespace signet::net
