#include "sbom/cache/CachedLayer.h"

#include <algorithm>
#include <cstdint>
#include <memory>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sbom {
namespace {

constexpr std::string_view kMagic = "signet layer cache 2\n";
constexpr std::size_t kDigestBytes = 32;

void putNumber(std::string& out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void putText(std::string& out, std::string_view text) {
    putNumber(out, text.size());
    out.append(text);
}

// Reads the body front to back; every read is checked against what is left.
class BodyReader {
  public:
    explicit BodyReader(std::string_view bytes) : bytes_(bytes) {}

    std::uint64_t number() {
        need(8);
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i)
            value |= std::uint64_t(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
        at_ += 8;
        return value;
    }

    // A count of records of at least `minRecordBytes` each: no more than the bytes left hold.
    std::uint64_t count(std::size_t minRecordBytes) {
        std::uint64_t n = number();
        if (n > left() / minRecordBytes) fail("a count larger than the entry");
        return n;
    }

    std::string_view view() {
        std::uint64_t size = number();
        need(size);
        std::string_view out = bytes_.substr(at_, size);
        at_ += size;
        return out;
    }

    std::string text() { return std::string(view()); }

    std::string path(std::size_t maxPathLength) {
        std::string out = text();
        if (out.empty() || out[0] != '/' || out.size() > maxPathLength) fail("a path out of range");
        return out;
    }

    bool atEnd() const { return at_ == bytes_.size(); }

    [[noreturn]] static void fail(const std::string& what) {
        throw Error(ErrorKind::Internal, "the entry holds " + what);
    }

  private:
    std::size_t left() const { return bytes_.size() - at_; }
    void need(std::uint64_t n) const {
        if (n > left()) fail("a field past its end");
    }

    std::string_view bytes_;
    std::size_t at_ = 0;
};

constexpr std::uint64_t kHasContent = 1, kTruncated = 2;

void putEntry(std::string& out, const LayerEntry& entry) {
    const FileNode& node = entry.node;
    putText(out, entry.path);
    putNumber(out, static_cast<std::uint64_t>(node.kind));
    putText(out, node.linkTarget);
    putNumber(out, (node.content ? kHasContent : 0) | (node.truncated ? kTruncated : 0));
    if (node.content) {
        putNumber(out, static_cast<std::uint64_t>(node.ruleIndex));
        putText(out, *node.content);
    }
    putNumber(out, node.size);
}

LayerEntry readEntry(BodyReader& in, std::size_t layerIndex,
                     const std::vector<std::string>& ruleTags, std::size_t maxPathLength) {
    LayerEntry entry;
    entry.path = in.path(maxPathLength);
    FileNode& node = entry.node;
    std::uint64_t kind = in.number();
    if (kind > static_cast<std::uint64_t>(NodeKind::Other)) BodyReader::fail("an unknown kind");
    node.kind = static_cast<NodeKind>(kind);
    node.linkTarget = in.text();
    std::uint64_t flags = in.number();
    if (flags > (kHasContent | kTruncated)) BodyReader::fail("unknown flags");
    node.truncated = (flags & kTruncated) != 0;
    if (flags & kHasContent) {
        std::uint64_t rule = in.number();
        if (node.kind != NodeKind::File || rule >= ruleTags.size())
            BodyReader::fail("content without a file rule");
        node.ruleIndex = static_cast<int>(rule);
        node.tag = ruleTags[rule];
        node.content = std::make_shared<const std::string>(in.text());
    }
    node.size = in.number();
    node.layerIndex = layerIndex;
    return entry;
}

void putPaths(std::string& out, const std::set<std::string>& paths) {
    putNumber(out, paths.size());
    for (const auto& path : paths) putText(out, path);
}

std::set<std::string> readPaths(BodyReader& in, std::size_t maxPathLength) {
    std::set<std::string> out;
    for (std::uint64_t n = in.count(9); n > 0; --n) out.insert(in.path(maxPathLength));
    return out;
}

void putHashes(std::string& out, const std::vector<std::uint64_t>& hashes) {
    putNumber(out, hashes.size());
    for (std::uint64_t hash : hashes) putNumber(out, hash);
}

// Sorted as LayerDiff keeps them (the squash looks them up by binary search).
std::vector<std::uint64_t> readHashes(BodyReader& in) {
    std::vector<std::uint64_t> out(in.count(8));
    for (auto& hash : out) hash = in.number();
    if (!std::is_sorted(out.begin(), out.end())) BodyReader::fail("path hashes out of order");
    return out;
}

std::string checksum(std::string_view signedPart) {
    return crypto::sha256(signedPart);
}

}  // namespace

std::string encodeCachedLayer(const LayerDiff& diff, const std::vector<std::string>& warnings,
                              std::string_view key) {
    std::string body;
    putNumber(body, warnings.size());
    for (const auto& warning : warnings) putText(body, warning);
    putNumber(body, diff.entries.size());
    for (const auto& entry : diff.entries) putEntry(body, entry);
    putHashes(body, diff.replacedPaths);
    putHashes(body, diff.hidingPaths);
    putPaths(body, diff.whiteouts);
    putPaths(body, diff.opaqueDirs);
    putNumber(body, diff.tarEntries);
    return sealCachedLayerBody(body, key);
}

std::string sealCachedLayerBody(std::string_view body, std::string_view key) {
    std::string out(kMagic);
    putText(out, key);
    putText(out, body);
    out += checksum(out);
    return out;
}

CachedLayer decodeCachedLayer(std::string_view bytes, std::string_view key, std::size_t layerIndex,
                              const std::vector<std::string>& ruleTags, std::size_t maxPathLength) {
    if (bytes.substr(0, kMagic.size()) != kMagic) BodyReader::fail("no layer cache header");
    if (bytes.size() < kMagic.size() + kDigestBytes) BodyReader::fail("no checksum");
    std::string_view signedPart = bytes.substr(0, bytes.size() - kDigestBytes);
    if (checksum(signedPart) != bytes.substr(signedPart.size()))
        BodyReader::fail("a checksum that does not match its bytes");
    BodyReader outer(signedPart.substr(kMagic.size()));
    if (outer.text() != key) BodyReader::fail("another key");
    std::string_view body = outer.view();
    if (!outer.atEnd()) BodyReader::fail("bytes after its body");

    BodyReader in(body);
    CachedLayer layer;
    for (std::uint64_t n = in.count(8); n > 0; --n) layer.warnings.push_back(in.text());
    for (std::uint64_t n = in.count(41); n > 0; --n)
        layer.diff.entries.push_back(readEntry(in, layerIndex, ruleTags, maxPathLength));
    layer.diff.replacedPaths = readHashes(in);
    layer.diff.hidingPaths = readHashes(in);
    layer.diff.whiteouts = readPaths(in, maxPathLength);
    layer.diff.opaqueDirs = readPaths(in, maxPathLength);
    layer.diff.tarEntries = in.number();
    if (!in.atEnd()) BodyReader::fail("bytes after its last field");
    return layer;
}

}  // namespace signet::sbom
