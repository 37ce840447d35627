#include "sbom/catalog/rpm/BerkeleyDbHash.h"

#include <cstdint>

#include "error/Error.h"

namespace signet::sbom {
namespace {

// Berkeley DB's on-disk layout (dbinc/db_page.h): a 26-byte page header (lsn, pgno, prev_pgno,
// next_pgno, entries, hf_offset, level, type), then on hash pages an array of 2-byte item offsets.
constexpr std::uint32_t kHashMagic = 0x061561;
constexpr std::size_t kPageHeaderSize = 26;
constexpr std::size_t kChecksumSize = 6;  // PG_CHKSUM after the header when DBMETA_CHKSUM is set
constexpr std::uint8_t kPageHashUnsorted = 2, kPageOverflow = 7, kPageHashMeta = 8, kPageHash = 13;
constexpr std::uint8_t kItemKeyData = 1, kItemOffPage = 3;
constexpr std::uint8_t kMetaChecksum = 0x01;

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorKind::Registry, "malformed Berkeley DB hash database: " + why);
}

class PagedFile {
  public:
    PagedFile(std::string_view file, bool bigEndian, std::uint32_t pageSize, std::size_t overhead)
        : file_(file), bigEndian_(bigEndian), pageSize_(pageSize), overhead_(overhead) {}

    std::size_t pageCount() const { return file_.size() / pageSize_; }
    std::uint64_t lastPage() const { return u32(file_, 32); }  // from the metadata page
    std::size_t overhead() const { return overhead_; }
    std::uint32_t pageSize() const { return pageSize_; }

    std::string_view page(std::uint64_t number) const {
        if (number >= pageCount()) malformed("page " + std::to_string(number) + " past the end");
        return file_.substr(number * pageSize_, pageSize_);
    }

    std::uint32_t u32(std::string_view bytes, std::size_t at) const {
        if (at + 4 > bytes.size()) malformed("truncated");
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            auto byte = static_cast<unsigned char>(bytes[at + (bigEndian_ ? i : 3 - i)]);
            v = (v << 8) | byte;
        }
        return v;
    }

    std::uint16_t u16(std::string_view bytes, std::size_t at) const {
        if (at + 2 > bytes.size()) malformed("truncated");
        auto lo = static_cast<unsigned char>(bytes[at + (bigEndian_ ? 1 : 0)]);
        auto hi = static_cast<unsigned char>(bytes[at + (bigEndian_ ? 0 : 1)]);
        return static_cast<std::uint16_t>(hi << 8 | lo);
    }

  private:
    std::string_view file_;
    bool bigEndian_;
    std::uint32_t pageSize_;
    std::size_t overhead_;
};

std::uint32_t littleEndian32(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

PagedFile openMetadata(std::string_view file) {
    if (file.size() < 512) malformed("shorter than one page");
    bool bigEndian = littleEndian32(file, 12) != kHashMagic;
    PagedFile probe(file, bigEndian, 512, kPageHeaderSize);
    if (probe.u32(file, 12) != kHashMagic || static_cast<std::uint8_t>(file[25]) != kPageHashMeta) {
        malformed("not a hash database (bad magic)");
    }
    std::uint32_t version = probe.u32(file, 16);
    if (version < 8 || version > 10)
        malformed("unsupported hash version " + std::to_string(version));
    std::uint32_t pageSize = probe.u32(file, 20);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0) {
        malformed("bad page size " + std::to_string(pageSize));
    }
    if (file[24] != 0) malformed("encrypted databases are not supported");
    auto flags = static_cast<std::uint8_t>(file[26]);
    std::size_t overhead = kPageHeaderSize + ((flags & kMetaChecksum) ? kChecksumSize : 0);
    PagedFile paged(file, bigEndian, pageSize, overhead);
    if (paged.lastPage() >= paged.pageCount())
        malformed("truncated: the metadata names more pages");
    return paged;
}

// The bytes of an overflow chain starting at `first`, `total` bytes long.
std::string overflowValue(const PagedFile& db, std::uint32_t first, std::uint32_t total,
                          std::uint64_t& budget) {
    if (total > budget) malformed("values larger than the file");
    budget -= total;
    std::string value;
    value.reserve(total);
    std::uint64_t steps = 0;
    for (std::uint32_t number = first; number != 0;) {
        if (++steps > db.pageCount()) malformed("overflow chain loops");
        std::string_view page = db.page(number);
        if (static_cast<std::uint8_t>(page[25]) != kPageOverflow)
            malformed("broken overflow chain");
        std::size_t length = db.u16(page, 22);
        if (length > db.pageSize() - db.overhead() || value.size() + length > total) {
            malformed("overflow page longer than its item");
        }
        value.append(page.substr(db.overhead(), length));
        number = db.u32(page, 16);
    }
    if (value.size() != total) malformed("overflow chain shorter than its item");
    return value;
}

// Item `index` of a hash page: its bytes, from its offset to the previous item's (or page end).
std::string_view item(const PagedFile& db, std::string_view page, std::size_t index) {
    std::size_t entryAt = db.overhead() + 2 * index;
    std::size_t begin = db.u16(page, entryAt);
    std::size_t end = index == 0 ? page.size() : db.u16(page, entryAt - 2);
    if (begin < db.overhead() || begin >= end || end > page.size()) malformed("bad item offset");
    return page.substr(begin, end - begin);
}

std::string itemValue(const PagedFile& db, std::string_view bytes, std::uint64_t& budget) {
    auto type = static_cast<std::uint8_t>(bytes[0]);
    if (type == kItemKeyData) {
        if (bytes.size() - 1 > budget) malformed("values larger than the file");
        budget -= bytes.size() - 1;
        return std::string(bytes.substr(1));
    }
    if (type == kItemOffPage) {
        if (bytes.size() < 12) malformed("short off-page item");
        return overflowValue(db, db.u32(bytes, 4), db.u32(bytes, 8), budget);
    }
    malformed("unsupported item type " + std::to_string(type) + " (duplicate keys)");
}

}  // namespace

std::vector<BerkeleyDbRecord> readBerkeleyDbHash(std::string_view file) {
    PagedFile db = openMetadata(file);
    std::uint64_t budget = file.size();
    std::vector<BerkeleyDbRecord> records;
    for (std::uint64_t number = 1; number <= db.lastPage(); ++number) {
        std::string_view page = db.page(number);
        auto type = static_cast<std::uint8_t>(page[25]);
        if (type != kPageHash && type != kPageHashUnsorted) continue;
        std::size_t entries = db.u16(page, 20);
        if (entries % 2 != 0) malformed("odd number of items on a hash page");
        if (db.overhead() + 2 * entries > page.size()) malformed("item index past the page");
        for (std::size_t i = 0; i < entries; i += 2) {
            BerkeleyDbRecord record;
            record.key = itemValue(db, item(db, page, i), budget);
            record.value = itemValue(db, item(db, page, i + 1), budget);
            records.push_back(std::move(record));
        }
    }
    return records;
}

}  // namespace signet::sbom
