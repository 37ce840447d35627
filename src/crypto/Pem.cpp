#include "crypto/Pem.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>
#include <memory>

namespace signet::crypto {
namespace {

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

}  // namespace

std::optional<PemBlock> decodeFirstPem(std::string_view text) {
    if (text.size() > INT_MAX) return std::nullopt;
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio) return std::nullopt;
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    int ok = PEM_read_bio(bio.get(), &name, &header, &data, &length);
    ERR_clear_error();
    if (ok != 1) return std::nullopt;
    PemBlock block{name, SecretBytes(std::string_view(reinterpret_cast<char*>(data),
                                                      static_cast<std::size_t>(length)))};
    OPENSSL_clear_free(data, static_cast<std::size_t>(length));
    OPENSSL_free(name);
    OPENSSL_free(header);
    return block;
}

std::string encodePem(std::string_view type, std::string_view bytes) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    std::string typeName(type);
    PEM_write_bio(bio.get(), typeName.c_str(), "",
                  reinterpret_cast<const unsigned char*>(bytes.data()),
                  static_cast<long>(bytes.size()));
    char* out = nullptr;
    long length = BIO_get_mem_data(bio.get(), &out);
    return std::string(out, static_cast<std::size_t>(length));
}

}  // namespace signet::crypto
