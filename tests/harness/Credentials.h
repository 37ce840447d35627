// Credentials: random per-registry user/password and their bcrypt htpasswd line.
#pragma once

#include <string>

namespace signet::testing {

struct Credentials {
    std::string username;
    std::string password;
};

// `length` random characters from [a-z0-9] (OpenSSL RAND_bytes).
std::string randomAlphanumeric(size_t length);

// A fresh random username ("user-" + 8 chars) and password (24 chars).
Credentials randomCredentials();

// "user:$2y$..." as `htpasswd -nBi` prints it (bcrypt, password passed on stdin, not argv).
std::string htpasswdLine(const Credentials& credentials);

}  // namespace signet::testing
