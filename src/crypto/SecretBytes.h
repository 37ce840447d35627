// SecretBytes: a password, token or key that is wiped (OPENSSL_cleanse) when it goes away and
// never prints itself.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace signet::crypto {

class SecretBytes {
  public:
    SecretBytes() = default;
    explicit SecretBytes(std::string_view bytes);
    SecretBytes(const SecretBytes& other);
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    ~SecretBytes();

    std::string_view view() const { return bytes_; }
    const unsigned char* data() const {
        return reinterpret_cast<const unsigned char*>(bytes_.data());
    }
    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    bool operator==(const SecretBytes& other) const { return bytes_ == other.bytes_; }

  private:
    void wipe();
    std::string bytes_;
};

// Streams "***" so a secret can never leak through logging or debug output.
std::ostream& operator<<(std::ostream& out, const SecretBytes& secret);

}  // namespace signet::crypto
