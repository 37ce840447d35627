// KeyReference: what a --key value names: a file, env://VAR, a key directory or k8s://ns/name.
#pragma once

#include <string>

namespace signet::crypto {

struct KeyReference {
    enum class Kind { File, EnvVar, Directory, Kubernetes };
    Kind kind = Kind::File;
    std::string text;      // the reference as given (or "SIGNET_KEY_DIR=DIR"), for messages
    std::string location;  // File/Directory: the path; EnvVar: the variable name
    std::string ns;        // Kubernetes: the namespace
    std::string secret;    // Kubernetes: the Secret's name
};

// Parses `ref`. An empty `ref` means the key directory `keyDir` (SIGNET_KEY_DIR); a path that is a
// directory is a key directory (cosign.key, cosign.password, cosign.pub). Throws Error(Usage)
// for an empty reference without SIGNET_KEY_DIR, a malformed k8s:// or env:// reference and any
// other scheme ("unrecognized scheme").
KeyReference parseKeyReference(const std::string& ref, const std::string& keyDir);

}  // namespace signet::crypto
