#include "harness/LayerArchive.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>
#include <stdexcept>

namespace signet::testing {
namespace {

constexpr time_t kFixedMtime = 1700000000;  // 2023-11-14: any constant keeps digests stable

struct ArchiveFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;
using EntryPtr = std::unique_ptr<archive_entry, EntryFree>;

la_ssize_t appendTo(archive*, void* sink, const void* buffer, size_t length) {
    static_cast<std::string*>(sink)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

void check(archive* a, int rc, const char* what) {
    if (rc < ARCHIVE_WARN) {
        const char* message = archive_error_string(a);
        throw std::runtime_error(std::string("layer archive: ") + what + ": " +
                                 (message ? message : "failed"));
    }
}

ArchivePtr openWriter(std::string& sink, bool rawGzip) {
    ArchivePtr a(archive_write_new());
    if (!a) throw std::runtime_error("layer archive: archive_write_new failed");
    if (rawGzip) {
        check(a.get(), archive_write_set_format_raw(a.get()), "raw format");
        check(a.get(), archive_write_add_filter_gzip(a.get()), "gzip filter");
        check(a.get(), archive_write_set_options(a.get(), "gzip:!timestamp"), "gzip options");
    } else {
        check(a.get(), archive_write_set_format_pax_restricted(a.get()), "tar format");
    }
    check(a.get(), archive_write_set_bytes_in_last_block(a.get(), 1), "block padding");
    check(a.get(), archive_write_open(a.get(), &sink, nullptr, appendTo, nullptr), "open");
    return a;
}

void writeEntry(archive* a, const std::string& path, mode_t type, const std::string& content) {
    EntryPtr entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), path.c_str());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    archive_entry_set_mtime(entry.get(), kFixedMtime, 0);
    archive_entry_set_size(entry.get(),
                           type == AE_IFDIR ? 0 : static_cast<la_int64_t>(content.size()));
    check(a, archive_write_header(a, entry.get()), path.c_str());
    if (!content.empty()) {
        la_ssize_t written = archive_write_data(a, content.data(), content.size());
        if (written != static_cast<la_ssize_t>(content.size()))
            check(a, ARCHIVE_FATAL, path.c_str());
    }
}

std::string tarOf(const std::vector<LayerFile>& files) {
    std::string tar;
    ArchivePtr a = openWriter(tar, false);
    std::set<std::string> directories;
    for (const auto& file : files) {
        if (file.path.empty() || file.path.front() == '/') {
            throw std::invalid_argument("layer file path must be relative: \"" + file.path + "\"");
        }
        for (size_t slash = file.path.find('/'); slash != std::string::npos;
             slash = file.path.find('/', slash + 1)) {
            std::string directory = file.path.substr(0, slash + 1);
            if (directories.insert(directory).second) writeEntry(a.get(), directory, AE_IFDIR, "");
        }
        writeEntry(a.get(), file.path, AE_IFREG, file.content);
    }
    check(a.get(), archive_write_close(a.get()), "close");
    return tar;
}

std::string gzipOf(const std::string& bytes) {
    std::string gzip;
    ArchivePtr a = openWriter(gzip, true);
    writeEntry(a.get(), "layer.tar", AE_IFREG, bytes);
    check(a.get(), archive_write_close(a.get()), "close");
    return gzip;
}

}  // namespace

LayerArchive makeLayerArchive(const std::vector<LayerFile>& files) {
    LayerArchive layer;
    layer.tar = tarOf(files);
    layer.gzip = gzipOf(layer.tar);
    return layer;
}

}  // namespace signet::testing
