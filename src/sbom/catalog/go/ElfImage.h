// ElfImage: bounds-checked read access to an ELF file's sections, segments and virtual addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

class ElfImage {
  public:
    // nullopt when `bytes` is not a well-formed 32/64-bit ELF header; `bytes` must outlive it.
    static std::optional<ElfImage> parse(std::string_view bytes);

    struct Range {
        std::uint64_t offset = 0;  // in the file
        std::uint64_t size = 0;
        std::uint64_t address = 0;  // virtual address
        std::uint32_t flags = 0;    // segment p_flags or section sh_flags
    };

    // The file bytes of the section called `name`, if present and inside the file.
    std::optional<std::string_view> section(std::string_view name) const;
    // The loadable (PT_LOAD) segments in header order.
    const std::vector<Range>& loadSegments() const { return segments_; }
    // `size` bytes at virtual address `address`, if they lie in the file.
    std::optional<std::string_view> readAddress(std::uint64_t address, std::uint64_t size) const;
    // The bytes of `range` clipped to the file.
    std::string_view bytesOf(const Range& range) const;

    bool is64() const { return is64_; }
    bool bigEndian() const { return bigEndian_; }
    // An unsigned integer of `width` bytes at `at` in `data`, in this file's byte order; nullopt
    // when out of range.
    std::optional<std::uint64_t> readUint(std::string_view data, std::uint64_t at, int width) const;

  private:
    ElfImage(std::string_view bytes, bool is64, bool bigEndian)
        : bytes_(bytes), is64_(is64), bigEndian_(bigEndian) {}
    bool readHeaders();

    std::string_view bytes_;
    bool is64_;
    bool bigEndian_;
    std::vector<Range> segments_;
    std::vector<std::pair<std::string, Range>> sections_;
};

}  // namespace signet::sbom
