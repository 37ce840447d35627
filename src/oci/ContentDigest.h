// ContentDigest: computes and checks OCI content digests (sha256/sha384/sha512) incrementally.
#pragma once

#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace signet::oci {

// Hashes bytes with the algorithm of an expected digest ("sha256:…").
class ContentDigester {
  public:
    // Throws Error(Usage) when `expected` is not a valid digest.
    explicit ContentDigester(const std::string& expected);
    ~ContentDigester();
    ContentDigester(const ContentDigester&) = delete;
    ContentDigester& operator=(const ContentDigester&) = delete;

    void update(const char* data, std::size_t size);
    // "algorithm:hex" of everything given so far; call once.
    std::string finish();

  private:
    std::string algorithm_;
    evp_md_ctx_st* context_;
};

// The digest of `bytes` in the algorithm of `expected`, e.g. to compare with it.
std::string digestLike(const std::string& expected, std::string_view bytes);

// A read-through stream buffer that hashes everything read from `source`.
class DigestingStreamBuf : public std::streambuf {
  public:
    DigestingStreamBuf(std::istream& source, ContentDigester& digester);

  protected:
    int_type underflow() override;

  private:
    std::istream& source_;
    ContentDigester& digester_;
    char buffer_[65536];
};

}  // namespace signet::oci
