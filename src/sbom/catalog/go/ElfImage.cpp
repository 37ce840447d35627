#include "sbom/catalog/go/ElfImage.h"

namespace signet::sbom {
namespace {

constexpr std::uint32_t kPtLoad = 1;
constexpr std::size_t kMaxHeaders = 65536;
constexpr std::uint64_t kProgramHeader32 = 32, kProgramHeader64 = 56;
constexpr std::uint64_t kSectionHeader32 = 40, kSectionHeader64 = 64;

}  // namespace

std::optional<ElfImage> ElfImage::parse(std::string_view bytes) {
    if (bytes.size() < 52 || bytes.substr(0, 4) !=
                                 "\x7F"
                                 "ELF")
        return std::nullopt;
    auto elfClass = static_cast<unsigned char>(bytes[4]);
    auto data = static_cast<unsigned char>(bytes[5]);
    if ((elfClass != 1 && elfClass != 2) || (data != 1 && data != 2)) return std::nullopt;
    if (elfClass == 2 && bytes.size() < 64) return std::nullopt;
    ElfImage image(bytes, elfClass == 2, data == 2);
    if (!image.readHeaders()) return std::nullopt;
    return image;
}

std::optional<std::uint64_t> ElfImage::readUint(std::string_view data, std::uint64_t at,
                                                int width) const {
    if (at > data.size() || data.size() - at < static_cast<std::uint64_t>(width))
        return std::nullopt;
    std::uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
        auto byte = static_cast<unsigned char>(data[at + (bigEndian_ ? i : width - 1 - i)]);
        value = (value << 8) | byte;
    }
    return value;
}

bool ElfImage::readHeaders() {
    int word = is64_ ? 8 : 4;
    auto phoff = readUint(bytes_, is64_ ? 0x20 : 0x1C, word);
    auto shoff = readUint(bytes_, is64_ ? 0x28 : 0x20, word);
    auto phentsize = readUint(bytes_, is64_ ? 0x36 : 0x2A, 2);
    auto phnum = readUint(bytes_, is64_ ? 0x38 : 0x2C, 2);
    auto shentsize = readUint(bytes_, is64_ ? 0x3A : 0x2E, 2);
    auto shnum = readUint(bytes_, is64_ ? 0x3C : 0x30, 2);
    auto shstrndx = readUint(bytes_, is64_ ? 0x3E : 0x32, 2);
    if (!phoff || !shoff || !phentsize || !phnum || !shentsize || !shnum || !shstrndx) return false;
    // As Go's debug/elf: entries smaller than the header struct are invalid. Entry size 0 would
    // make one header count 65535 times and every address lookup walk all of them.
    if (*phnum > 0 && *phentsize < (is64_ ? kProgramHeader64 : kProgramHeader32)) return false;
    if (*shnum > 0 && *shentsize < (is64_ ? kSectionHeader64 : kSectionHeader32)) return false;
    for (std::uint64_t i = 0; i < *phnum && i < kMaxHeaders; ++i) {
        std::uint64_t at = *phoff + i * *phentsize;
        auto type = readUint(bytes_, at, 4);
        auto flags = readUint(bytes_, at + (is64_ ? 4 : 0x18), 4);
        auto offset = readUint(bytes_, at + (is64_ ? 8 : 4), word);
        auto vaddr = readUint(bytes_, at + (is64_ ? 0x10 : 8), word);
        auto filesz = readUint(bytes_, at + (is64_ ? 0x20 : 0x10), word);
        if (!type || !flags || !offset || !vaddr || !filesz) break;
        if (*type == kPtLoad) {
            segments_.push_back({*offset, *filesz, *vaddr, static_cast<std::uint32_t>(*flags)});
        }
    }
    std::vector<std::pair<std::uint64_t, Range>> raw;
    for (std::uint64_t i = 0; i < *shnum && i < kMaxHeaders; ++i) {
        std::uint64_t at = *shoff + i * *shentsize;
        auto name = readUint(bytes_, at, 4);
        auto flags = readUint(bytes_, at + 8, word);
        auto addr = readUint(bytes_, at + (is64_ ? 0x10 : 0xC), word);
        auto offset = readUint(bytes_, at + (is64_ ? 0x18 : 0x10), word);
        auto size = readUint(bytes_, at + (is64_ ? 0x20 : 0x14), word);
        if (!name || !flags || !addr || !offset || !size) break;
        raw.push_back({*name, {*offset, *size, *addr, static_cast<std::uint32_t>(*flags)}});
    }
    if (*shstrndx < raw.size()) {
        std::string_view names = bytesOf(raw[*shstrndx].second);
        for (const auto& [nameOffset, range] : raw) {
            if (nameOffset >= names.size()) continue;
            std::string_view rest = names.substr(nameOffset);
            sections_.emplace_back(std::string(rest.substr(0, rest.find('\0'))), range);
        }
    }
    return true;
}

std::string_view ElfImage::bytesOf(const Range& range) const {
    if (range.offset >= bytes_.size()) return {};
    return bytes_.substr(range.offset,
                         std::min<std::uint64_t>(range.size, bytes_.size() - range.offset));
}

std::optional<std::string_view> ElfImage::section(std::string_view name) const {
    for (const auto& [sectionName, range] : sections_) {
        if (sectionName == name) return bytesOf(range);
    }
    return std::nullopt;
}

std::optional<std::string_view> ElfImage::readAddress(std::uint64_t address,
                                                      std::uint64_t size) const {
    auto tryRanges = [&](auto&& ranges) -> std::optional<std::string_view> {
        for (const auto& range : ranges) {
            if (address < range.address || address - range.address >= range.size) continue;
            std::uint64_t skip = address - range.address;
            if (range.size - skip < size) continue;
            std::string_view data = bytesOf(range);
            if (skip > data.size() || data.size() - skip < size) continue;
            return data.substr(skip, size);
        }
        return std::nullopt;
    };
    if (auto found = tryRanges(segments_)) return found;
    std::vector<Range> sectionRanges;
    for (const auto& entry : sections_) {
        if (entry.second.address != 0) sectionRanges.push_back(entry.second);
    }
    return tryRanges(sectionRanges);
}

}  // namespace signet::sbom
