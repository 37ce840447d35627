// RegistryError: turns a registry's non-success answer into one signet::Error line.
#pragma once

#include <string>

#include "error/Error.h"
#include "oci/HttpTransport.h"

namespace signet::oci {

// Kind by status: 401/403 → Auth ("…; check credentials for HOST"), 404 → NotFound,
// 429 → RateLimit, 413 → TooLarge, a tag-immutability refusal → Immutable, else Registry.
// The message is "<operation>: <status> <CODE>: <registry message>", or a short sanitised
// excerpt when the body is not the registry's JSON error format.
Error registryError(const std::string& operation, const HttpResponse& response,
                    const std::string& host);

// At most `limit` printable characters of `body`, control characters replaced, for messages.
std::string bodyExcerpt(const std::string& body, std::size_t limit = 120);

}  // namespace signet::oci
