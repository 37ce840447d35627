#include "oci/ContentDigest.h"

#include <openssl/evp.h>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/Reference.h"

namespace signet::oci {

ContentDigester::ContentDigester(const std::string& expected) : context_(nullptr) {
    if (!isValidDigest(expected))
        throw Error(ErrorKind::Usage, "\"" + expected + "\" is not a valid digest");
    algorithm_ = expected.substr(0, expected.find(':'));
    const EVP_MD* md = algorithm_ == "sha256"   ? EVP_sha256()
                       : algorithm_ == "sha384" ? EVP_sha384()
                                                : EVP_sha512();
    context_ = EVP_MD_CTX_new();
    if (!context_ || EVP_DigestInit_ex(context_, md, nullptr) != 1) {
        EVP_MD_CTX_free(context_);
        throw Error(ErrorKind::Internal, "OpenSSL could not start a " + algorithm_ + " digest");
    }
}

ContentDigester::~ContentDigester() {
    EVP_MD_CTX_free(context_);
}

void ContentDigester::update(const char* data, std::size_t size) {
    if (size > 0) EVP_DigestUpdate(context_, data, size);
}

std::string ContentDigester::finish() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_, out, &length);
    return algorithm_ + ":" +
           crypto::hexEncode(std::string_view(reinterpret_cast<const char*>(out), length));
}

std::string digestLike(const std::string& expected, std::string_view bytes) {
    ContentDigester digester(expected);
    digester.update(bytes.data(), bytes.size());
    return digester.finish();
}

DigestingStreamBuf::DigestingStreamBuf(std::istream& source, ContentDigester& digester)
    : source_(source), digester_(digester) {}

DigestingStreamBuf::int_type DigestingStreamBuf::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    source_.read(buffer_, sizeof buffer_);
    std::streamsize got = source_.gcount();
    if (got <= 0) return traits_type::eof();
    digester_.update(buffer_, static_cast<std::size_t>(got));
    setg(buffer_, buffer_, buffer_ + got);
    return traits_type::to_int_type(*gptr());
}

}  // namespace signet::oci
