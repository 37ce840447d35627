// Credentials: what a registry login consists of, and the Keychain interface that finds them.
#pragma once

#include <string>

#include "oci/Reference.h"

namespace signet::oci {

struct Credentials {
    std::string username;
    std::string password;
    std::string identityToken;  // refresh token for the token server's OAuth2 POST
    std::string registryToken;  // a bearer token sent to the registry as is

    bool anonymous() const {
        return username.empty() && password.empty() && identityToken.empty() &&
               registryToken.empty();
    }
    bool hasBasic() const { return !username.empty() || !password.empty(); }
};

// Finds the credentials for a repository; anonymous Credentials when there are none.
class Keychain {
  public:
    virtual ~Keychain() = default;
    // Throws signet::Error(Auth) when a configured source (e.g. a credential helper) fails.
    virtual Credentials resolve(const Repository& repository) = 0;
};

}  // namespace signet::oci
