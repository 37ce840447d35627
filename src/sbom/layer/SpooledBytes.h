// SpooledBytes: a kept file's bytes as they stream out of a layer — in memory up to a threshold,
// past it in an unnamed temporary file read back through a read-only mapping — so that a large
// binary or archive a reducer looks into is not held in memory whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace signet::sbom {

class SpooledBytes {
  public:
    // Past `memoryLimit` bytes the content moves to a file in $TMPDIR (or /tmp); when no such
    // file can be made it stays in memory.
    explicit SpooledBytes(std::size_t memoryLimit) : memoryLimit_(memoryLimit) {}
    SpooledBytes(const SpooledBytes&) = delete;
    SpooledBytes& operator=(const SpooledBytes&) = delete;
    ~SpooledBytes();

    // Makes room for `expected` bytes in memory (at most the memory limit and 4 MiB: a tar
    // header's size is not trusted further), so a file kept whole is not grown by doubling.
    void reserve(std::size_t expected);
    void append(std::string_view bytes);
    // Appends zero bytes up to `size` (a sparse tar entry's hole).
    void padTo(std::size_t size);
    std::size_t size() const { return size_; }
    bool spooled() const { return fd_ >= 0; }

    // All bytes; valid while this object lives and nothing is appended.
    std::string_view view();
    // All bytes as a string (moved out when in memory).
    std::string take();

  private:
    bool spill();
    void writeToFile(std::string_view bytes);

    std::size_t memoryLimit_;
    std::string memory_;
    std::size_t size_ = 0;
    int fd_ = -1;
    void* map_ = nullptr;
};

}  // namespace signet::sbom
