#include "sbom/catalog/rpm/RpmHeader.h"

#include "error/Error.h"

namespace signet::sbom {
namespace {

constexpr std::uint32_t kName = 1000, kVersion = 1001, kRelease = 1002, kEpoch = 1003;
constexpr std::uint32_t kVendor = 1011, kLicense = 1014, kArch = 1022, kSourceRpm = 1044;
constexpr std::uint32_t kProvideName = 1047, kRequireName = 1049;
constexpr std::uint32_t kTypeInt32 = 4, kTypeString = 6, kTypeStringArray = 8, kTypeI18n = 9;
constexpr std::uint32_t kMaxIndexEntries = 1 << 16;

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorKind::Registry, "malformed RPM header: " + why);
}

std::uint32_t be32(std::string_view data, std::size_t at) {
    if (at > data.size() || data.size() - at < 4) malformed("truncated");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(data[at + i]);
    return v;
}

std::string_view rawString(std::string_view store, std::uint64_t offset) {
    if (offset >= store.size()) malformed("string offset outside the data store");
    std::string_view rest = store.substr(offset);
    auto end = rest.find('\0');
    if (end == std::string_view::npos) malformed("unterminated string");
    return rest.substr(0, end);
}

std::string cString(std::string_view store, std::uint32_t offset) {
    std::string value(rawString(store, offset));
    return value == "(none)" ? "" : value;
}

// `count` consecutive NUL-terminated strings; the count is bounded by the store's size.
std::vector<std::string> stringArray(std::string_view store, std::uint32_t offset,
                                     std::uint32_t count) {
    if (count > store.size()) malformed("string array longer than the data store");
    std::vector<std::string> values;
    std::uint64_t at = offset;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string_view value = rawString(store, at);
        at += value.size() + 1;
        values.emplace_back(value);
    }
    return values;
}

}  // namespace

RpmHeader parseRpmHeader(std::string_view blob) {
    std::uint32_t indexCount = be32(blob, 0);
    std::uint32_t dataSize = be32(blob, 4);
    if (indexCount == 0 || indexCount > kMaxIndexEntries) malformed("bad index count");
    std::uint64_t storeStart = 8 + static_cast<std::uint64_t>(indexCount) * 16;
    if (storeStart + dataSize > blob.size()) malformed("data store past the end of the blob");
    std::string_view store = blob.substr(storeStart, dataSize);
    RpmHeader header;
    for (std::uint32_t i = 0; i < indexCount; ++i) {
        std::size_t at = 8 + static_cast<std::size_t>(i) * 16;
        std::uint32_t tag = be32(blob, at);
        std::uint32_t type = be32(blob, at + 4);
        std::uint32_t offset = be32(blob, at + 8);
        std::uint32_t count = be32(blob, at + 12);
        bool isString = type == kTypeString || type == kTypeI18n || type == kTypeStringArray;
        if (tag == kEpoch && type == kTypeInt32) {
            header.epoch = be32(store, offset);
            continue;
        }
        if (!isString) continue;
        if (tag == kProvideName || tag == kRequireName) {
            if (type != kTypeStringArray) malformed("dependency names are not a string array");
            (tag == kProvideName ? header.provideNames : header.requireNames) =
                stringArray(store, offset, count);
            continue;
        }
        switch (tag) {
            case kName:
                header.name = cString(store, offset);
                break;
            case kVersion:
                header.version = cString(store, offset);
                break;
            case kRelease:
                header.release = cString(store, offset);
                break;
            case kArch:
                header.arch = cString(store, offset);
                break;
            case kSourceRpm:
                header.sourceRpm = cString(store, offset);
                break;
            case kLicense:
                header.license = cString(store, offset);
                break;
            case kVendor:
                header.vendor = cString(store, offset);
                break;
            default:
                break;
        }
    }
    return header;
}

}  // namespace signet::sbom
