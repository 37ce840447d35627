// Secret: a sensitive string (password, token) that never prints itself and is wiped when dropped.
#pragma once

#include <ostream>
#include <string>

namespace signet::config {

class Secret {
  public:
    Secret() = default;
    explicit Secret(std::string value) : value_(std::move(value)) {}
    Secret(const Secret& other) : value_(other.value_) {}
    Secret(Secret&& other) noexcept;
    Secret& operator=(const Secret& other);
    Secret& operator=(Secret&& other) noexcept;
    ~Secret();

    // The secret itself; only for the code that must use it (key decryption, registry auth).
    const std::string& reveal() const { return value_; }
    bool empty() const { return value_.empty(); }

  private:
    void wipe();
    std::string value_;
};

// Streams "***" so a Secret can never leak through logging or debug output.
std::ostream& operator<<(std::ostream& out, const Secret& secret);

}  // namespace signet::config
