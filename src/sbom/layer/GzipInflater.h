// GzipInflater: a gzip stream (one or more members) → its bytes, with ISA-L's igzip inflate.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct inflate_state;
struct isal_gzip_header;

namespace signet::sbom {

class GzipInflater {
  public:
    // The next chunk of compressed input; empty at its end. May throw.
    using Pull = std::function<std::string_view()>;

    // `context` begins every error message, e.g. "layer sha256:… cannot be decompressed".
    GzipInflater(Pull pull, std::string context);
    ~GzipInflater();
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    // Up to `capacity` inflated bytes into `out`; 0 once the last member ended. Every member's
    // CRC-32 and length are checked (ISA-L parses the gzip wrapper); members follow one another
    // as in `gzip -dc`; bytes after the last member that do not start a member are ignored, as
    // libarchive and gzip do. A corrupt or truncated stream throws signet::Error(Registry)
    // "<context>: gzip stream is corrupt: <why>"; what `pull` throws passes through.
    std::size_t read(char* out, std::size_t capacity);

  private:
    bool refill();
    bool startNextMember();

    [[noreturn]] void corrupt(const std::string& why) const;

    Pull pull_;
    std::string context_;
    std::unique_ptr<inflate_state> state_;
    std::unique_ptr<isal_gzip_header> header_;
    bool inHeader_ = true;
    std::string_view input_;
    bool inputEnded_ = false;
    bool finished_ = false;
};

}  // namespace signet::sbom
