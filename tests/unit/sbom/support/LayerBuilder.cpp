#include "LayerBuilder.h"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace signet::sbom::test {
namespace {

la_ssize_t appendToString(struct archive*, void* client, const void* buffer, size_t length) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

std::string parentOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

std::string baseOf(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

LayerBuilder& LayerBuilder::file(const std::string& path, const std::string& content, int mode) {
    entries_.push_back({Kind::File, path, content, content.size(), mode});
    return *this;
}

LayerBuilder& LayerBuilder::zeroFile(const std::string& path, std::uint64_t size) {
    entries_.push_back({Kind::Zero, path, "", size, 0644});
    return *this;
}

LayerBuilder& LayerBuilder::dir(const std::string& path) {
    entries_.push_back({Kind::Dir, path, "", 0, 0755});
    return *this;
}

LayerBuilder& LayerBuilder::symlink(const std::string& path, const std::string& target) {
    entries_.push_back({Kind::Symlink, path, target, 0, 0777});
    return *this;
}

LayerBuilder& LayerBuilder::hardlink(const std::string& path, const std::string& target) {
    entries_.push_back({Kind::Hardlink, path, target, 0, 0644});
    return *this;
}

LayerBuilder& LayerBuilder::whiteout(const std::string& path) {
    return file(parentOf(path) + ".wh." + baseOf(path), "");
}

LayerBuilder& LayerBuilder::opaque(const std::string& dir) {
    std::string d = dir;
    if (!d.empty() && d.back() != '/') d += '/';
    return file(d + ".wh..wh..opq", "");
}

bool LayerBuilder::hostFile(const std::string& hostPath, const std::string& imagePath) {
    std::ifstream in(hostPath, std::ios::binary);
    if (!in) return false;
    std::ostringstream content;
    content << in.rdbuf();
    file(imagePath, content.str());
    return true;
}

std::string LayerBuilder::build(Compression compression) const {
    std::string out;
    std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(),
                                                                     archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    if (compression == Compression::Gzip) archive_write_add_filter_gzip(a.get());
    if (compression == Compression::Zstd) archive_write_add_filter_zstd(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    if (archive_write_open(a.get(), &out, nullptr, appendToString, nullptr) != ARCHIVE_OK) {
        throw std::runtime_error(std::string("archive_write_open: ") +
                                 archive_error_string(a.get()));
    }
    for (const auto& e : entries_) {
        std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> entry(
            archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(entry.get(), e.path.c_str());
        archive_entry_set_perm(entry.get(), e.mode);
        archive_entry_set_mtime(entry.get(), 1700000000, 0);
        switch (e.kind) {
            case Kind::File:
            case Kind::Zero:
                archive_entry_set_filetype(entry.get(), AE_IFREG);
                archive_entry_set_size(entry.get(), static_cast<la_int64_t>(e.size));
                break;
            case Kind::Dir:
                archive_entry_set_filetype(entry.get(), AE_IFDIR);
                break;
            case Kind::Symlink:
                archive_entry_set_filetype(entry.get(), AE_IFLNK);
                archive_entry_set_symlink(entry.get(), e.data.c_str());
                break;
            case Kind::Hardlink:
                archive_entry_set_filetype(entry.get(), AE_IFREG);
                archive_entry_set_hardlink(entry.get(), e.data.c_str());
                archive_entry_set_size(entry.get(), 0);
                break;
        }
        if (archive_write_header(a.get(), entry.get()) < ARCHIVE_WARN) {
            throw std::runtime_error(std::string("archive_write_header: ") +
                                     archive_error_string(a.get()));
        }
        if (e.kind == Kind::File && !e.data.empty()) {
            archive_write_data(a.get(), e.data.data(), e.data.size());
        } else if (e.kind == Kind::Zero) {
            std::string chunk(1 << 20, '\0');
            for (std::uint64_t left = e.size; left > 0;) {
                std::size_t n =
                    static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
                archive_write_data(a.get(), chunk.data(), n);
                left -= n;
            }
        }
    }
    archive_write_close(a.get());
    return out;
}

}  // namespace signet::sbom::test
