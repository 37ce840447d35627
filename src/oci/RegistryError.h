// RegistryError: turns a registry's non-success answer into one signet::Error line.
#pragma once

#include <string>

#include "error/Error.h"
#include "oci/HttpTransport.h"
#include "secret/SecretSink.h"

namespace signet::oci {

// Kind by status: 401/403 → Auth ("…; check credentials for HOST"), 404 → NotFound,
// 429 → RateLimit, 413 → TooLarge, a tag-immutability refusal → Immutable, else Registry.
// The message is "<operation>: <status> <CODE>: <registry message>", or a short excerpt when
// the body is not the registry's JSON error format. Everything the registry wrote is quoted
// only after `secrets` scrubbed it (a registry may echo the Authorization header), and bounded.
Error registryError(const std::string& operation, const HttpResponse& response,
                    const std::string& host, const secret::SecretSink& secrets);

}  // namespace signet::oci
