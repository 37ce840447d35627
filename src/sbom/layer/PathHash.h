// PathHash: a 64-bit FNV-1a hash of a clean path, built a character at a time so that every
// ancestor's hash falls out on the way (a layer records the paths it replaces as these).
#pragma once

#include <cstdint>
#include <string_view>

namespace signet::sbom {

// Chance collisions among the ~10^5 entries of a layer and the ~10^4 paths below it are
// ~10^-10; a crafted collision only hides what the layer's author could remove with a whiteout.
class PathHash {
  public:
    void add(char c) {
        value_ ^= static_cast<unsigned char>(c);
        value_ *= 0x100000001b3ULL;
    }
    std::uint64_t value() const { return value_; }

    static std::uint64_t of(std::string_view path) {
        PathHash hash;
        for (char c : path) hash.add(c);
        return hash.value();
    }

  private:
    std::uint64_t value_ = 0xcbf29ce484222325ULL;
};

}  // namespace signet::sbom
