// KeyPassword: the signing key's password from the TaskSpec — the value itself (COSIGN_PASSWORD,
// key-password input) or the contents of SIGNET_PASSWORD_FILE.
#pragma once

#include <optional>

#include "config/Secret.h"
#include "config/TaskSpec.h"

namespace signet::config {

// keyPassword when set (also when set but empty); otherwise the password file's contents with
// one trailing newline ("\n" or "\r\n") removed; otherwise nullopt (the key loader may still
// find cosign.password in the key directory). Throws Error(Config) naming SIGNET_PASSWORD_FILE
// when the file cannot be read; the message never contains file contents.
std::optional<Secret> resolveKeyPassword(const TaskSpec& spec);

}  // namespace signet::config
