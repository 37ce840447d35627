#include "net/CaBundle.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::net {
namespace {

constexpr std::size_t kMaxCaBundleBytes = 16u << 20;

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

std::vector<X509Ptr> certificatesOf(const std::string& pem) {
    std::vector<X509Ptr> certificates;
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    if (!bio) return certificates;
    while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certificates.emplace_back(certificate, X509_free);
    ERR_clear_error();  // the read that ends the loop leaves "no start line" behind
    return certificates;
}

}  // namespace

std::string readCaBundle(const std::string& path, const std::string& what) {
    std::string pem =
        io::readFileContents(path, kMaxCaBundleBytes, ErrorKind::Config, what, ErrorKind::Config);
    if (!holdsCertificate(pem))
        throw Error(ErrorKind::Config, what + " " + path + " holds no PEM certificate");
    return pem;
}

bool holdsCertificate(const std::string& pem) {
    return !certificatesOf(pem).empty();
}

void addCaBundle(SSL_CTX* context, const std::string& pem) {
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    for (const auto& certificate : certificatesOf(pem))
        X509_STORE_add_cert(store, certificate.get());
    ERR_clear_error();  // a certificate already in the store is not an error here
}

}  // namespace signet::net
