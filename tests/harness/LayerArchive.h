// LayerArchive: a small image layer (tar, then gzip) built in memory with libarchive.
#pragma once

#include <string>
#include <vector>

namespace signet::testing {

struct LayerFile {
    std::string path;     // relative, e.g. "etc/motd"; parent directories are added
    std::string content;  // regular file, mode 0644, owner 0:0, fixed mtime
};

struct LayerArchive {
    std::string tar;   // uncompressed: its sha256 is the config's diff_id
    std::string gzip;  // the blob pushed with media type ...tar+gzip (no gzip timestamp)
};

// Deterministic: the same files give the same bytes.
LayerArchive makeLayerArchive(const std::vector<LayerFile>& files);

}  // namespace signet::testing
