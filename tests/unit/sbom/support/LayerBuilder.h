// LayerBuilder: writes real tar / tar+gzip / tar+zstd layers in memory with libarchive's write API.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace signet::sbom::test {

enum class Compression { None, Gzip, Zstd };

class LayerBuilder {
  public:
    // `path` is written exactly as given (so tests can use "./x", "/x" or "../x").
    LayerBuilder& file(const std::string& path, const std::string& content, int mode = 0644);
    // A file of `size` zero bytes, written in chunks (for compression bombs).
    LayerBuilder& zeroFile(const std::string& path, std::uint64_t size);
    LayerBuilder& dir(const std::string& path);
    LayerBuilder& symlink(const std::string& path, const std::string& target);
    LayerBuilder& hardlink(const std::string& path, const std::string& target);
    // parent/.wh.<name> for `path`.
    LayerBuilder& whiteout(const std::string& path);
    // dir/.wh..wh..opq
    LayerBuilder& opaque(const std::string& dir);
    // A host file's bytes under `imagePath`; false (nothing added) when it cannot be read.
    bool hostFile(const std::string& hostPath, const std::string& imagePath);

    std::string build(Compression compression = Compression::None) const;

  private:
    enum class Kind { File, Zero, Dir, Symlink, Hardlink };
    struct Entry {
        Kind kind;
        std::string path;
        std::string data;  // content or link target
        std::uint64_t size = 0;
        int mode = 0644;
    };
    std::vector<Entry> entries_;
};

}  // namespace signet::sbom::test
