// ServiceError: a Sigstore service's (Rekor's, a TSA's) unwanted answer as one signet::Error.
#pragma once

#include <string>

#include "error/Error.h"
#include "oci/HttpTransport.h"

namespace signet::sigstore {

// 429 → RateLimit, 408/5xx → Unavailable (every retry was spent), else Registry; the message is
// "<operation>: <status> <reason>: <excerpt of the body>".
Error serviceError(const std::string& operation, const oci::HttpResponse& response);

}  // namespace signet::sigstore
