#include "sbom/catalog/rpm/RpmNdb.h"

#include <cstdint>

#include "error/Error.h"

namespace signet::sbom {
namespace {

constexpr std::uint32_t fourCc(const char (&s)[5]) {
    return static_cast<std::uint32_t>(s[0]) | static_cast<std::uint32_t>(s[1]) << 8 |
           static_cast<std::uint32_t>(s[2]) << 16 | static_cast<std::uint32_t>(s[3]) << 24;
}

constexpr std::uint32_t kHeaderMagic = fourCc("RpmP"), kSlotMagic = fourCc("Slot");
constexpr std::uint32_t kBlobHeadMagic = fourCc("BlbS"), kBlobTailMagic = fourCc("BlbE");
constexpr std::size_t kHeaderSize = 32, kSlotSize = 16, kBlockSize = 16, kSlotPageSize = 4096;
constexpr std::size_t kBlobHeadSize = 16, kBlobTailSize = 12;
constexpr std::uint32_t kMaxSlotPages = 2048;  // 524 288 packages

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorKind::Registry, "malformed rpm Packages.db: " + why);
}

std::uint32_t le32(std::string_view bytes, std::size_t at) {
    if (at > bytes.size() || bytes.size() - at < 4) malformed("truncated");
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

// RFC 1950's Adler-32; 5552 bytes is the most that cannot overflow the sums between reductions.
std::uint32_t adler32(std::string_view bytes) {
    std::uint32_t a = 1, b = 0;
    while (!bytes.empty()) {
        std::size_t run = bytes.size() < 5552 ? bytes.size() : 5552;
        for (unsigned char c : bytes.substr(0, run)) {
            a += c;
            b += a;
        }
        a %= 65521;
        b %= 65521;
        bytes.remove_prefix(run);
    }
    return b << 16 | a;
}

// The blob a used slot points at, checked as rpmpkgReadBlob checks it.
std::string readBlob(std::string_view file, std::uint32_t index, std::uint64_t offset,
                     std::uint64_t blocks) {
    std::string_view block = file.substr(offset * kBlockSize, blocks * kBlockSize);
    std::string name = "package " + std::to_string(index);
    if (le32(block, 0) != kBlobHeadMagic || le32(block, 4) != index) {
        malformed(name + ": no blob where its slot points");
    }
    std::uint64_t length = le32(block, 12);
    if ((kBlobHeadSize + length + kBlobTailSize + kBlockSize - 1) / kBlockSize != blocks) {
        malformed(name + ": blob length disagrees with its slot");
    }
    std::string_view tail = block.substr(block.size() - kBlobTailSize);
    if (le32(tail, 8) != kBlobTailMagic || le32(tail, 4) != length) {
        malformed(name + ": bad blob tail");
    }
    if (adler32(block.substr(0, block.size() - kBlobTailSize)) != le32(tail, 0)) {
        malformed(name + ": checksum mismatch");
    }
    return std::string(block.substr(kBlobHeadSize, length));
}

}  // namespace

std::vector<std::string> rpmNdbBlobs(std::string_view file) {
    if (le32(file, 0) != kHeaderMagic) malformed("not an ndb database (bad magic)");
    if (le32(file, 4) != 0) malformed("unsupported version " + std::to_string(le32(file, 4)));
    std::uint64_t slotPages = le32(file, 12);
    if (slotPages == 0 || slotPages > kMaxSlotPages) malformed("bad slot page count");
    if (file.size() % kBlockSize != 0) malformed("size is not a whole number of blocks");
    if (slotPages * kSlotPageSize > file.size()) malformed("truncated slot pages");
    std::uint64_t fileBlocks = file.size() / kBlockSize;
    std::uint64_t firstDataBlock = slotPages * kSlotPageSize / kBlockSize;
    std::uint64_t budget = file.size();  // overlapping slots must not multiply the file
    std::vector<std::string> blobs;
    for (std::size_t at = kHeaderSize; at < slotPages * kSlotPageSize; at += kSlotSize) {
        if (le32(file, at) != kSlotMagic) malformed("bad slot magic");
        std::uint64_t offset = le32(file, at + 8);
        if (offset == 0) continue;  // a free slot
        std::uint32_t index = le32(file, at + 4);
        std::uint64_t blocks = le32(file, at + 12);
        if (index == 0 || blocks == 0 || offset < firstDataBlock || offset + blocks > fileBlocks ||
            blocks * kBlockSize < kBlobHeadSize + kBlobTailSize) {
            malformed("slot outside the data area");
        }
        if (blocks * kBlockSize > budget) malformed("slots overlap");
        budget -= blocks * kBlockSize;
        blobs.push_back(readBlob(file, index, offset, blocks));
    }
    return blobs;
}

}  // namespace signet::sbom
