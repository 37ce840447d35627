// CredentialHelper: runs `docker-credential-<name> get` the way docker/cli's native store does.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "oci/Credentials.h"
#include "secret/SecretSink.h"

namespace signet::oci {

// Where helpers are looked for and what they see, as config/ read it from the process.
struct CredentialHelperSettings {
    std::vector<std::string> searchPath{"/usr/local/bin", "/usr/bin", "/bin"};  // PATH
    std::map<std::string, std::string> environment;  // the helper's whole environment
};

// The helper executable found on `settings.searchPath`; throws Error(Auth, "credential helper
// docker-credential-NAME for HOST not found in PATH") when missing.
std::string findCredentialHelper(const std::string& name, const std::string& host,
                                 const CredentialHelperSettings& settings);

// Runs `<helper> get` with `serverUrl` on stdin and reads {"Username","Secret"} from stdout.
// Username "<token>" makes Secret an identity token. A helper that reports "credentials not
// found" gives anonymous Credentials; any other failure throws Error(Auth) quoting the helper's
// output only after `secrets` scrubbed it. The Secret it prints is registered with `secrets`.
Credentials runCredentialHelper(const std::string& name, const std::string& serverUrl,
                                const std::string& host, const CredentialHelperSettings& settings,
                                secret::SecretSink& secrets);

}  // namespace signet::oci
