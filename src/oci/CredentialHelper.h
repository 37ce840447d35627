// CredentialHelper: runs `docker-credential-<name> get` the way docker/cli's native store does.
#pragma once

#include <string>

#include "config/Environment.h"
#include "oci/Credentials.h"

namespace signet::oci {

// The helper executable found on the Environment's PATH; throws Error(Auth, "credential helper
// docker-credential-NAME for HOST not found in PATH") when missing.
std::string findCredentialHelper(const std::string& name, const std::string& host,
                                 const Environment& env);

// Runs `<helper> get` with `serverUrl` on stdin and reads {"Username","Secret"} from stdout.
// Username "<token>" makes Secret an identity token. A helper that reports "credentials not
// found" gives anonymous Credentials; any other failure throws Error(Auth) without the secret.
Credentials runCredentialHelper(const std::string& name, const std::string& serverUrl,
                                const std::string& host, const Environment& env);

}  // namespace signet::oci
