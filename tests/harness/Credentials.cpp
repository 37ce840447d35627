#include "harness/Credentials.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "harness/Command.h"

namespace signet::testing {

std::string randomAlphanumeric(size_t length) {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string text;
    while (text.size() < length) {
        unsigned char byte = 0;
        if (RAND_bytes(&byte, 1) != 1) throw std::runtime_error("RAND_bytes failed");
        if (byte < 252) text += kAlphabet[byte % 36];  // 252 = 7 * 36: no modulo bias
    }
    return text;
}

Credentials randomCredentials() {
    return {"user-" + randomAlphanumeric(8), randomAlphanumeric(24)};
}

std::string htpasswdLine(const Credentials& credentials) {
    std::string line = runCommand({"htpasswd", "-nBi", credentials.username}, credentials.password);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind(credentials.username + ":$2", 0) != 0) {
        throw std::runtime_error("htpasswd -nBi did not print a bcrypt entry for " +
                                 credentials.username);
    }
    return line;
}

}  // namespace signet::testing
