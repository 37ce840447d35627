#include "sbom/catalog/go/GoBuildInfo.h"

#include <sstream>

#include "sbom/catalog/go/ElfImage.h"

namespace signet::sbom {
namespace {

constexpr std::string_view kMagic = "\xff Go buildinf:";
constexpr std::size_t kHeaderSize = 32;
constexpr std::size_t kSearchBytes = 64 * 1024;
constexpr std::uint32_t kWritable = 2;  // PF_W

// An unsigned LEB128 varint at `at`; advances `at`.
std::optional<std::uint64_t> uvarint(std::string_view data, std::size_t& at) {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64 && at < data.size(); shift += 7) {
        auto byte = static_cast<unsigned char>(data[at++]);
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return value;
    }
    return std::nullopt;
}

std::optional<std::string> inlineString(std::string_view data, std::size_t& at) {
    auto length = uvarint(data, at);
    if (!length || *length > data.size() - at) return std::nullopt;
    std::string out(data.substr(at, *length));
    at += *length;
    return out;
}

// A Go string header {data pointer, length} at virtual address `address`.
std::optional<std::string> pointerString(const ElfImage& elf, std::uint64_t address, int ptrSize) {
    auto header = elf.readAddress(address, 2 * ptrSize);
    if (!header) return std::nullopt;
    auto dataAddress = elf.readUint(*header, 0, ptrSize);
    auto length = elf.readUint(*header, ptrSize, ptrSize);
    if (!dataAddress || !length || *length > (1u << 24)) return std::nullopt;
    auto bytes = elf.readAddress(*dataAddress, *length);
    if (!bytes) return std::nullopt;
    return std::string(*bytes);
}

std::string stripSentinels(const std::string& mod) {
    if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') return mod.substr(16, mod.size() - 32);
    return "";
}

std::optional<std::size_t> findHeader(std::string_view data) {
    data = data.substr(0, std::min(data.size(), kSearchBytes));
    for (std::size_t at = data.find(kMagic); at != std::string_view::npos;
         at = data.find(kMagic, at + 1)) {
        if (data.size() - at < kHeaderSize) return std::nullopt;
        if (at % 16 == 0) return at;
    }
    return std::nullopt;
}

std::optional<std::string_view> buildInfoData(const ElfImage& elf) {
    if (auto section = elf.section(".go.buildinfo")) return section;
    for (const auto& segment : elf.loadSegments()) {
        if (segment.flags & kWritable) return elf.bytesOf(segment);
    }
    return std::nullopt;
}

}  // namespace

std::optional<GoBuildInfo> readGoBuildInfo(std::string_view elfBytes) {
    auto elf = ElfImage::parse(elfBytes);
    if (!elf) return std::nullopt;
    auto data = buildInfoData(*elf);
    if (!data) return std::nullopt;
    auto at = findHeader(*data);
    if (!at) return std::nullopt;
    std::string_view header = data->substr(*at);
    int ptrSize = static_cast<unsigned char>(header[14]);
    auto flags = static_cast<unsigned char>(header[15]);
    GoBuildInfo info;
    if (flags & 0x2) {
        std::size_t cursor = kHeaderSize;
        auto version = inlineString(header, cursor);
        auto mod = version ? inlineString(header, cursor) : std::nullopt;
        if (!version || !mod) return std::nullopt;
        info.goVersion = *version;
        info.modInfo = stripSentinels(*mod);
    } else {
        if (ptrSize != 4 && ptrSize != 8) return std::nullopt;
        auto versionAddress = elf->readUint(header, 16, ptrSize);
        auto modAddress = elf->readUint(header, 16 + ptrSize, ptrSize);
        if (!versionAddress || !modAddress) return std::nullopt;
        auto version = pointerString(*elf, *versionAddress, ptrSize);
        auto mod = pointerString(*elf, *modAddress, ptrSize);
        if (!version) return std::nullopt;
        info.goVersion = *version;
        info.modInfo = mod ? stripSentinels(*mod) : "";
    }
    if (info.goVersion.rfind("go", 0) != 0) return std::nullopt;
    return info;
}

std::string GoModInfo::setting(const std::string& key) const {
    for (const auto& [k, v] : settings) {
        if (k == key) return v;
    }
    return "";
}

GoModInfo parseGoModInfo(const std::string& modInfo) {
    GoModInfo info;
    std::istringstream in(modInfo);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::istringstream parts(line);
        for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
        if (fields.empty()) continue;
        const std::string& kind = fields[0];
        auto module = [&] {
            return GoModule{fields.size() > 1 ? fields[1] : "", fields.size() > 2 ? fields[2] : "",
                            fields.size() > 3 ? fields[3] : ""};
        };
        if (kind == "path" && fields.size() > 1) {
            info.path = fields[1];
        } else if (kind == "mod") {
            info.main = module();
        } else if (kind == "dep") {
            info.deps.push_back(module());
        } else if (kind == "=>" && !info.deps.empty()) {
            GoModule replacement = module();
            bool local = replacement.version.empty();  // a directory replacement
            if (!local) info.deps.back() = replacement;
        } else if (kind == "build" && fields.size() > 1) {
            auto eq = fields[1].find('=');
            if (eq != std::string::npos) {
                info.settings.emplace_back(fields[1].substr(0, eq), fields[1].substr(eq + 1));
            }
        }
    }
    return info;
}

}  // namespace signet::sbom
