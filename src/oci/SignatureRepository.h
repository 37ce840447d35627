// SignatureRepository: where cosign stores an image's signatures (COSIGN_REPOSITORY semantics).
#pragma once

#include "config/Environment.h"
#include "oci/Reference.h"

namespace signet::oci {

// The image's own repository, or the whole repository named by COSIGN_REPOSITORY when set
// (nothing of the image's name is appended). Throws Error(Config) for an invalid value.
Repository signatureRepository(const Repository& image, const Environment& env);

}  // namespace signet::oci
