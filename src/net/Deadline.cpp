#include "net/Deadline.h"

#include <algorithm>

#include "error/SettingSpelling.h"

namespace signet::net {

Deadline Deadline::after(std::chrono::milliseconds budget) {
    Deadline deadline;
    deadline.at_ = Clock::now() + budget;
    deadline.budget_ = budget;
    return deadline;
}

std::chrono::milliseconds Deadline::remaining(std::chrono::milliseconds limit) const {
    if (!bounded()) return limit;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now());
    return std::clamp(left, std::chrono::milliseconds(0), limit);
}

Deadline Deadline::within(std::chrono::milliseconds budget) const {
    Deadline shorter = after(budget);
    return shorter.at_ < at_ ? shorter : *this;
}

Error deadlinePassed(const Deadline& deadline, std::string_view what) {
    return Error(ErrorKind::Timeout, std::string(what) + ": not done within the " +
                                         describeDuration(deadline.budget()) + " deadline (" +
                                         spellSetting("registry.timeout") + ")");
}

std::string describeDuration(std::chrono::milliseconds duration) {
    long long ms = duration.count();
    if (ms % 1000 != 0 || ms == 0) return std::to_string(ms) + "ms";
    long long s = ms / 1000;
    std::string text;
    if (s >= 3600) text += std::to_string(s / 3600) + "h", s %= 3600;
    if (s >= 60) text += std::to_string(s / 60) + "m", s %= 60;
    if (s > 0) text += std::to_string(s) + "s";
    return text;
}

}  // namespace signet::net
