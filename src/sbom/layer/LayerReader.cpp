#include "sbom/layer/LayerReader.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sbom/layer/GzipInflater.h"
#include "sbom/layer/LayerPath.h"
#include "sbom/layer/PathHash.h"
#include "sbom/layer/ReadAhead.h"
#include "sbom/layer/SpooledBytes.h"

namespace signet::sbom {
namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";
// A file a reducer reads that is larger than this is spooled to a temporary file.
constexpr std::size_t kInMemoryBytes = 1 << 20;
// Read-ahead between the stages: the blob stream in small chunks (the socket gives no more at a
// time), the inflated tar in larger ones; each stage holds at most kAheadDepth of them.
constexpr std::size_t kBlobChunkBytes = 64 << 10, kTarChunkBytes = 128 << 10, kAheadDepth = 4;

// Reads `in` to its end; a stream gone bad is the registry's failure.
ReadAhead::Producer streamReader(std::istream& in) {
    return [&in](char* out, std::size_t n) -> std::size_t {
        if (!in.good()) return 0;
        in.read(out, static_cast<std::streamsize>(n));
        if (in.bad()) throw Error(ErrorKind::Registry, "reading the layer blob failed");
        return static_cast<std::size_t>(in.gcount());
    };
}

// The blob bytes as the inflater pulls them, hashed on the way through. The stream itself is
// read a few chunks ahead on its own thread (where the registry client also checks its digest).
struct BlobSource {
    bool hashing;
    std::array<char, 64 * 1024> buffer{};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash{EVP_MD_CTX_new(), EVP_MD_CTX_free};
    std::exception_ptr failure;
    std::streamsize replay = 0;  // bytes already in `buffer` (and hashed) to hand out again
    ReadAhead raw;               // last: stops before the rest goes

    BlobSource(std::istream& stream, bool hash_)
        : hashing(hash_), raw(streamReader(stream), kBlobChunkBytes, kAheadDepth) {
        EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    }

    // Whether the blob starts with gzip's magic; the bytes read to tell are handed out again.
    bool startsWithGzipMagic() {
        std::streamsize n = pull();
        if (n < 0) std::rethrow_exception(failure);
        replay = n;
        return n >= 2 && buffer[0] == '\x1f' && buffer[1] == '\x8b';
    }

    std::streamsize pull() {
        if (replay > 0) return std::exchange(replay, 0);
        try {
            auto n = static_cast<std::streamsize>(raw.read(buffer.data(), buffer.size()));
            if (n > 0 && hashing)
                EVP_DigestUpdate(hash.get(), buffer.data(), static_cast<std::size_t>(n));
            return n;
        } catch (...) {
            failure = std::current_exception();
            return -1;
        }
    }

    std::string finishDigest() {
        while (pull() > 0) {
        }
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(hash.get(), digest, &length);
        return "sha256:" +
               crypto::hexEncode(std::string_view(reinterpret_cast<char*>(digest), length));
    }
};

la_ssize_t readBlob(struct archive* archive, void* client, const void** buffer) {
    auto* source = static_cast<BlobSource*>(client);
    std::streamsize n = source->pull();
    *buffer = source->buffer.data();
    if (n < 0) archive_set_error(archive, EIO, "reading the layer blob failed");
    return static_cast<la_ssize_t>(n);
}

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

std::string hexDigest(EVP_MD_CTX* hash) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(hash, digest, &length);
    return "sha256:" + crypto::hexEncode(std::string_view(reinterpret_cast<char*>(digest), length));
}

// Stage one for zstd and plain blobs → uncompressed tar bytes (libarchive's "raw" format).
// `empty` is set for a zero-byte blob (nothing to decompress).
ArchivePtr openDecompressor(BlobSource& source, const std::string& name, bool& empty) {
    ArchivePtr archive(archive_read_new(), archive_read_free);
    if (!archive) throw Error(ErrorKind::Internal, "libarchive could not allocate a reader");
    archive_read_support_filter_gzip(archive.get());
    archive_read_support_filter_zstd(archive.get());
    archive_read_support_format_raw(archive.get());
    archive_read_support_format_empty(archive.get());
    int status = archive_read_open(archive.get(), &source, nullptr, readBlob, nullptr);
    struct archive_entry* entry = nullptr;
    if (status == ARCHIVE_OK) status = archive_read_next_header(archive.get(), &entry);
    empty = status == ARCHIVE_EOF;
    if (status < ARCHIVE_WARN) {
        if (source.failure) std::rethrow_exception(source.failure);
        const char* text = archive_error_string(archive.get());
        throw Error(ErrorKind::Registry, "layer " + name + " cannot be decompressed: " +
                                             (text ? text : "unknown libarchive error"));
    }
    return archive;
}

// Stage one's output, whichever inflater: up to n bytes into the buffer, 0 at the end; throws.
using Decompressed = std::function<std::size_t(char* out, std::size_t n)>;

Decompressed fromLibarchive(struct archive* decompressor, const std::string& name) {
    return [decompressor, name](char* out, std::size_t n) {
        la_ssize_t got = archive_read_data(decompressor, out, n);
        if (got < 0) {
            const char* text = archive_error_string(decompressor);
            throw Error(ErrorKind::Registry, "layer " + name + " cannot be decompressed: " +
                                                 (text ? text : "unknown libarchive error"));
        }
        return static_cast<std::size_t>(got);
    };
}

// gzip layers inflate with ISA-L, at about twice zlib's pace; the blob is hashed as it is pulled.
Decompressed fromIsal(GzipInflater& inflater) {
    return [&inflater](char* out, std::size_t n) { return inflater.read(out, n); };
}

// Stage two's input: the uncompressed bytes, hashed (diffID) and bounded as they pass.
struct TarSource {
    Decompressed decompressed;
    std::uint64_t limit;
    std::string name;
    std::array<char, 64 * 1024> buffer{};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash{EVP_MD_CTX_new(), EVP_MD_CTX_free};
    std::uint64_t total = 0;
    bool ended = false;
    std::exception_ptr failure;

    TarSource(Decompressed d, std::uint64_t max, std::string layerName)
        : decompressed(std::move(d)), limit(max), name(std::move(layerName)) {
        EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    }

    la_ssize_t pull() {
        if (ended || failure) return failure ? -1 : 0;
        la_ssize_t n = 0;
        try {
            n = static_cast<la_ssize_t>(decompressed(buffer.data(), buffer.size()));
        } catch (...) {
            failure = std::current_exception();
            return -1;
        }
        if (n == 0) ended = true;
        total += static_cast<std::uint64_t>(n);
        if (total > limit) {
            failure = std::make_exception_ptr(Error(
                ErrorKind::TooLarge, "layer " + name + " decompresses to more than " +
                                         std::to_string(limit) +
                                         " bytes (a compression bomb?); refusing to scan it"));
            return -1;
        }
        EVP_DigestUpdate(hash.get(), buffer.data(), static_cast<std::size_t>(n));
        return n;
    }

    // Hashes what the tar reader left (padding after the end marker) and returns the diffID.
    std::string finishDigest() {
        while (pull() > 0) {
        }
        return hexDigest(hash.get());
    }
};

la_ssize_t readTar(struct archive*, void* client, const void** buffer) {
    auto* source = static_cast<TarSource*>(client);
    la_ssize_t n = source->pull();
    *buffer = source->buffer.data();
    return n;
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool isElf(std::string_view head) {
    return startsWith(head,
                      "\x7F"
                      "ELF");
}

}  // namespace

// Reads one layer; a fresh object per read.
class LayerScan {
  public:
    LayerScan(const std::vector<FileRule>& rules, const ScanLimits& limits, ScanBudget& budget,
              std::vector<std::string>& warnings, std::string layerName, std::size_t layerIndex)
        : rules_(rules),
          limits_(limits),
          budget_(budget),
          warnings_(warnings),
          layerName_(std::move(layerName)),
          layerIndex_(layerIndex) {
        for (std::size_t i = 0; i < rules_.size(); ++i) {
            if (rules_[i].sniff == ContentSniff::Elf) sniffRule_ = static_cast<int>(i);
        }
    }

    // The first read: every entry.
    LayerDiff run(struct archive* archive) {
        walk(archive, true, [this](struct archive_entry* entry) {
            budget_.addEntries(1, limits_);
            ++diff_.tarEntries;
            processEntry(entry);
        });
        return finish();
    }

    // The second read: only the targets of `diff`'s pending hard links, whose content each link
    // then keeps under its own path's rule. Links whose target was not found are named.
    void resolve(struct archive* archive, LayerDiff& diff) {
        std::map<std::string, std::vector<const PendingHardlink*>> wanted;
        for (const auto& link : diff.pendingHardlinks) wanted[link.target].push_back(&link);
        std::map<std::string, FileNode> resolved;  // by link path
        std::uint64_t ordinal = 0;
        walk(archive, false, [&](struct archive_entry* entry) {
            ++ordinal;
            const char* rawName = archive_entry_pathname(entry);
            auto found =
                rawName == nullptr || std::string_view(rawName).size() > limits_.maxPathLength
                    ? wanted.end()
                    : wanted.find(cleanLayerPath(rawName));
            if (found == wanted.end() || archive_entry_hardlink(entry) != nullptr ||
                archive_entry_filetype(entry) != AE_IFREG)
                return drain();
            std::vector<const PendingHardlink*> links;  // those that come after this entry
            for (const auto* link : found->second) {
                if (link->ordinal > ordinal) links.push_back(link);
            }
            if (links.empty()) return drain();
            FileNode node;
            node.layerIndex = layerIndex_;
            node.size = static_cast<std::uint64_t>(archive_entry_size(entry));
            int rule = ruleForPath(links[0]->path);
            keepContent(links[0]->path, node, rule);
            drain();
            for (const auto* link : links) {
                if (ruleForPath(link->path) == rule) resolved[link->path] = node;
            }
        });
        for (const auto& link : diff.pendingHardlinks) {
            auto found = resolved.find(link.path);
            if (found == resolved.end()) {
                warn("hard link " + link.path + " points at " + link.target +
                     ", which is not an earlier file of this layer; it is not catalogued");
            } else if (found->second.content) {
                diff.entries.push_back({link.path, std::move(found->second)});
            }
        }
        std::sort(diff.entries.begin(), diff.entries.end(),
                  [](const LayerEntry& a, const LayerEntry& b) { return a.path < b.path; });
        diff.pendingHardlinks.clear();
    }

  private:
    [[noreturn]] void fail(const std::string& what) {
        throw Error(ErrorKind::Registry, "layer " + layerName_ + " " + what + ": " + errorText());
    }

    std::string errorText() const {
        const char* text = archive_error_string(archive_);
        return text ? text : "unknown libarchive error";
    }

    // Records at most kMaxWarnings per image: a hostile layer must not grow the list unbounded.
    void warn(const std::string& message) {
        budget_.warn(warnings_, "layer " + layerName_ + ": " + message);
    }

    void checkLayerBytes() {
        auto bytes = static_cast<std::uint64_t>(archive_filter_bytes(archive_, 0));
        if (bytes > limits_.maxLayerBytes) {
            throw Error(ErrorKind::TooLarge,
                        "layer " + layerName_ + " decompresses to more than " +
                            std::to_string(limits_.maxLayerBytes) +
                            " bytes (a compression bomb?); refusing to scan it");
        }
    }

    // Reads the next data block; false at the end of the entry.
    bool nextBlock(std::string_view& block, la_int64_t& offset) {
        const void* data = nullptr;
        size_t size = 0;
        int status = archive_read_data_block(archive_, &data, &size, &offset);
        checkLayerBytes();
        if (status == ARCHIVE_EOF) return false;
        if (status < ARCHIVE_WARN) fail("has a corrupt entry");
        block = std::string_view(static_cast<const char*>(data), size);
        return true;
    }

    void drain() {
        std::string_view block;
        la_int64_t offset = 0;
        while (nextBlock(block, offset)) {
        }
    }

    int ruleForPath(const std::string& path) const {
        for (std::size_t i = 0; i < rules_.size(); ++i) {
            for (const auto& glob : rules_[i].globs) {
                if (glob.matches(path)) return static_cast<int>(i);
            }
        }
        return -1;
    }

    // Calls `onEntry` for each tar header in turn (which must consume the entry's data).
    template <class OnEntry>
    void walk(struct archive* archive, bool warnings, OnEntry onEntry) {
        archive_ = archive;
        int retries = 0;
        while (true) {
            struct archive_entry* entry = nullptr;
            int status = archive_read_next_header(archive_, &entry);
            if (status == ARCHIVE_EOF) break;
            if (status == ARCHIVE_RETRY && ++retries < 8) continue;
            if (status < ARCHIVE_WARN) fail("is not a readable tar stream");
            if (status == ARCHIVE_WARN && warnings)
                warn(std::string("tar warning: ") + errorText());
            retries = 0;
            onEntry(entry);
            checkLayerBytes();
        }
    }

    LayerDiff finish() {
        for (auto& [path, node] : kept_) diff_.entries.push_back({path, std::move(node)});
        for (auto& [path, link] : pending_) diff_.pendingHardlinks.push_back(std::move(link));
        std::sort(diff_.pendingHardlinks.begin(), diff_.pendingHardlinks.end(),
                  [](const PendingHardlink& a, const PendingHardlink& b) {
                      return a.ordinal < b.ordinal;  // warned about in tar order
                  });
        diff_.replacedPaths = sortedUnique(std::move(replaced_));
        diff_.hidingPaths = sortedUnique(std::move(hiding_));
        return std::move(diff_);
    }

    static std::vector<std::uint64_t> sortedUnique(std::vector<std::uint64_t> hashes) {
        std::sort(hashes.begin(), hashes.end());
        hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
        hashes.shrink_to_fit();
        return hashes;
    }

    void processEntry(struct archive_entry* entry) {
        const char* rawName = archive_entry_pathname(entry);
        if (rawName == nullptr || std::string_view(rawName).size() > limits_.maxPathLength) {
            warn("skipped an entry with a missing or over-long name");
            return drain();
        }
        bool escaped = false;
        std::string path = cleanLayerPath(rawName, &escaped);
        if (escaped)
            warn(std::string("entry ") + rawName + " climbs out of the root; read as " + path);
        if (path == "/") return drain();
        std::string base = baseName(path);
        if (startsWith(base, kWhiteoutPrefix)) return recordWhiteout(path, base);

        FileNode node;
        node.layerIndex = layerIndex_;
        node.size = static_cast<std::uint64_t>(archive_entry_size(entry));
        if (const char* hardlink = archive_entry_hardlink(entry)) {
            recordHardlink(path, cleanLayerPath(hardlink), std::move(node));
            return drain();
        }
        switch (archive_entry_filetype(entry)) {
            case AE_IFDIR:
                note(path, true);
                return drain();
            case AE_IFLNK: {
                node.kind = NodeKind::Symlink;
                const char* target = archive_entry_symlink(entry);
                node.linkTarget = target ? target : "";
                drain();
                return keep(path, std::move(node));
            }
            case AE_IFREG:
                keepContent(path, node, ruleForPath(path));
                drain();
                if (node.content) return keep(path, std::move(node));
                return note(path, false);
            default:
                note(path, false);
                return drain();
        }
    }

    // Records an entry at `path`: it replaces what this layer had there so far (and, unless a
    // directory, what it had under it) and, through the hashes, what lower layers have.
    void note(const std::string& path, bool directory) {
        std::uint64_t hash = PathHash::of(path);
        replaced_.push_back(hash);
        kept_.erase(path);
        pending_.erase(path);
        if (directory) return;
        hiding_.push_back(hash);
        eraseBelow(kept_, path);
        eraseBelow(pending_, path);
    }

    void keep(const std::string& path, FileNode node) {
        note(path, false);
        kept_[path] = std::move(node);
    }

    void recordWhiteout(const std::string& path, const std::string& base) {
        std::string parent = parentPath(path);
        if (base == kOpaqueMarker) {
            diff_.opaqueDirs.insert(parent);
        } else if (base.size() > kWhiteoutPrefix.size() && !startsWith(base, ".wh..wh.")) {
            std::string hidden = base.substr(kWhiteoutPrefix.size());
            if (hidden != "." && hidden != "..") {
                diff_.whiteouts.insert(parent == "/" ? "/" + hidden : parent + "/" + hidden);
            }
        }
        drain();
    }

    // A link to a kept file shares its content; a link a rule selects whose target was not kept
    // waits for the second read (resolve).
    void recordHardlink(const std::string& path, const std::string& target, FileNode node) {
        auto found = kept_.find(target);
        if (found != kept_.end() && found->second.kind == NodeKind::File) {
            const FileNode& original = found->second;
            node.kind = NodeKind::File;
            node.content = original.content;
            node.ruleIndex = original.ruleIndex;
            node.tag = original.tag;
            node.truncated = original.truncated;
            node.size = original.size;
            return keep(path, std::move(node));
        }
        note(path, false);
        if (found != kept_.end()) {
            warn("hard link " + path + " points at " + target + ", which is not a file; ignored");
        } else if (ruleForPath(path) >= 0) {
            pending_[path] = {path, target, diff_.tarEntries};
        }
    }

    // Decides whether a regular file is kept under `rule` (-1: none, only the ELF sniff) and
    // reads it (bounded) if so.
    void keepContent(const std::string& path, FileNode& node, int rule) {
        if (rule < 0 && (sniffRule_ < 0 || node.size < 64)) return;
        if (rule >= 0 && node.size > rules_[rule].maxBytes &&
            rules_[rule].oversize == OversizePolicy::Skip) {
            warn("skipped " + path + ": " + std::to_string(node.size) + " bytes is over the " +
                 std::to_string(rules_[rule].maxBytes) + "-byte limit for such files");
            return;
        }
        // What a reducer only looks into (a binary, an archive) goes to a temporary file past
        // kInMemoryBytes; what is kept whole stays in memory.
        const FileRule& likely = rules_[rule >= 0 ? rule : sniffRule_];
        SpooledBytes data(likely.reduce ? kInMemoryBytes : SIZE_MAX);
        if (rule >= 0) data.reserve(std::min<std::uint64_t>(node.size, rules_[rule].maxBytes));
        std::string_view block;
        la_int64_t offset = 0;
        bool truncated = false;
        while (nextBlock(block, offset)) {
            if (rule < 0) {
                data.append(block);  // only the first block(s), until 4 bytes tell ELF or not
                if (data.size() < 4) continue;
                if (!isElf(data.view())) return;
                rule = sniffRule_;
                if (node.size > rules_[rule].maxBytes || data.size() > rules_[rule].maxBytes) {
                    warn("skipped " + path + ": " + std::to_string(node.size) +
                         " bytes is over the limit for executables");
                    return;
                }
                data.reserve(node.size);
                continue;
            }
            std::size_t cap = rules_[rule].maxBytes;
            auto at = static_cast<std::uint64_t>(offset);
            if (at > data.size()) data.padTo(std::min<std::uint64_t>(at, cap));
            std::size_t room = cap - std::min(cap, data.size());
            if (block.size() > room) {
                if (rules_[rule].oversize == OversizePolicy::Skip) {
                    warn("skipped " + path + ": its content is larger than its header says");
                    return;
                }
                truncated = true;
            }
            data.append(block.substr(0, room));
        }
        if (rule < 0) return;
        if (truncated)
            warn("kept only the first " + std::to_string(data.size()) + " bytes of " + path);
        store(path, node, rule, data, truncated);
    }

    void store(const std::string& path, FileNode& node, int rule, SpooledBytes& data,
               bool truncated) {
        std::optional<std::string> kept;
        if (!rules_[rule].reduce) {
            kept = data.take();
        } else {
            try {
                kept = rules_[rule].reduce(path, data.view());
            } catch (const Error& e) {
                warn(std::string("could not read ") + path + ": " + e.what());
                return;
            }
        }
        if (!kept) return;
        budget_.addKeptBytes(kept->size(), limits_);
        node.content = std::make_shared<const std::string>(std::move(*kept));
        node.ruleIndex = rule;
        node.tag = rules_[rule].tag;
        node.truncated = truncated;
    }

    const std::vector<FileRule>& rules_;
    const ScanLimits& limits_;
    ScanBudget& budget_;
    std::vector<std::string>& warnings_;
    std::string layerName_;
    std::size_t layerIndex_;
    int sniffRule_ = -1;
    struct archive* archive_ = nullptr;
    LayerDiff diff_;
    std::map<std::string, FileNode> kept_;            // kept files and symlinks so far
    std::map<std::string, PendingHardlink> pending_;  // by link path
    std::vector<std::uint64_t> replaced_, hiding_;    // PathHashes, as LayerDiff's
};

void ScanBudget::addEntries(std::uint64_t n, const ScanLimits& limits) {
    if ((entries += n) > limits.maxEntries) {
        throw Error(ErrorKind::TooLarge, "image has more than " +
                                             std::to_string(limits.maxEntries) +
                                             " tar entries; raise the entry limit to scan it");
    }
}

void ScanBudget::addKeptBytes(std::uint64_t n, const ScanLimits& limits) {
    if ((keptBytes += n) > limits.maxKeptBytes) {
        throw Error(ErrorKind::TooLarge, "image metadata files to catalogue exceed " +
                                             std::to_string(limits.maxKeptBytes) +
                                             " bytes; raise the kept-bytes limit to scan it");
    }
}

void ScanBudget::warn(std::vector<std::string>& out, std::string message) {
    std::uint64_t count = ++warnings;
    if (count < kMaxWarnings) {
        out.push_back(std::move(message));
    } else if (count == kMaxWarnings) {
        out.emplace_back(kWarningsCapNotice);
    }
}

LayerReader::LayerReader(const std::vector<FileRule>& rules, const ScanLimits& limits,
                         ScanBudget& budget, std::vector<std::string>& warnings)
    : rules_(rules), limits_(limits), budget_(budget), warnings_(warnings) {}

LayerDiff LayerReader::read(std::istream& blob, const std::string& blobDigest,
                            std::size_t layerIndex) {
    return read(blob, blobDigest, "", layerIndex);
}

LayerDiff LayerReader::read(std::istream& blob, const std::string& blobDigest,
                            const std::string& diffId, std::size_t layerIndex, BlobCheck check) {
    LayerDiff diff;
    stream(blob, blobDigest, diffId, layerIndex, check,
           [&](struct archive* tar, LayerScan& scan) { diff = scan.run(tar); });
    return diff;
}

void LayerReader::resolveHardlinks(std::istream& blob, const std::string& blobDigest,
                                   const std::string& diffId, std::size_t layerIndex,
                                   BlobCheck check, LayerDiff& diff) {
    stream(blob, blobDigest, diffId, layerIndex, check,
           [&](struct archive* tar, LayerScan& scan) { scan.resolve(tar, diff); });
}

void LayerReader::stream(std::istream& blob, const std::string& blobDigest,
                         const std::string& diffId, std::size_t layerIndex, BlobCheck check,
                         const std::function<void(struct archive*, LayerScan&)>& walk) {
    std::string name = blobDigest.empty() ? "#" + std::to_string(layerIndex + 1) : blobDigest;
    BlobSource source(blob, check == BlobCheck::Here);
    bool empty = false;
    ArchivePtr decompressor(nullptr, archive_read_free);
    GzipInflater inflater(
        [&source]() -> std::string_view {
            std::streamsize n = source.pull();
            if (n < 0) {
                if (source.failure) std::rethrow_exception(source.failure);
                throw Error(ErrorKind::Registry, "reading the layer blob failed");
            }
            return {source.buffer.data(), static_cast<std::size_t>(n)};
        },
        "layer " + name + " cannot be decompressed");
    Decompressed decompressed;
    if (source.startsWithGzipMagic()) {
        decompressed = fromIsal(inflater);
    } else {
        decompressor = openDecompressor(source, name, empty);
        decompressed = fromLibarchive(decompressor.get(), name);
    }
    if (empty) decompressed = [](char*, std::size_t) { return std::size_t{0}; };
    // Inflating (and hashing the blob) runs a few chunks ahead on its own thread while this one
    // hashes the tar and walks it.
    ReadAhead ahead(std::move(decompressed), kTarChunkBytes, kAheadDepth);
    TarSource tarBytes([&ahead](char* out, std::size_t n) { return ahead.read(out, n); },
                       limits_.maxLayerBytes, name);
    ArchivePtr tar(archive_read_new(), archive_read_free);
    if (!tar) throw Error(ErrorKind::Internal, "libarchive could not allocate a reader");
    archive_read_support_format_tar(tar.get());
    archive_read_support_format_empty(tar.get());
    LayerScan scan(rules_, limits_, budget_, warnings_, name, layerIndex);
    auto rethrowStreamFailure = [&] {
        ahead.stop();  // the producer thread touches `source`
        if (source.failure) std::rethrow_exception(source.failure);
        if (tarBytes.failure) std::rethrow_exception(tarBytes.failure);
    };
    try {
        if (archive_read_open(tar.get(), &tarBytes, nullptr, readTar, nullptr) != ARCHIVE_OK) {
            const char* text = archive_error_string(tar.get());
            throw Error(ErrorKind::Registry, "layer " + name + " cannot be opened: " +
                                                 (text ? text : "unknown libarchive error"));
        }
        walk(tar.get(), scan);
        tar.reset();
    } catch (const Error&) {
        rethrowStreamFailure();
        throw;
    }
    std::string actualDiffId = tarBytes.finishDigest();
    ahead.finish();
    rethrowStreamFailure();
    if (!diffId.empty() && diffId.rfind("sha256:", 0) == 0 && actualDiffId != diffId) {
        throw Error(ErrorKind::Registry, "layer " + name + " uncompresses to " + actualDiffId +
                                             " but the image config says diff_id " + diffId +
                                             ": the layer or the config is corrupt");
    }
    decompressor.reset();
    std::string actual = source.finishDigest();
    rethrowStreamFailure();
    if (check == BlobCheck::Here && !blobDigest.empty() && blobDigest.rfind("sha256:", 0) == 0 &&
        actual != blobDigest) {
        throw Error(ErrorKind::Registry,
                    "layer " + blobDigest + " has digest " + actual +
                        ": the blob is corrupt or not the one the manifest names");
    }
}

}  // namespace signet::sbom
