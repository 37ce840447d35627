// VerificationHeader: the lines cosign prints on stderr after a successful verification.
#pragma once

#include <ostream>

#include "oci/Reference.h"

namespace signet::cli {

void printVerificationHeader(std::ostream& out, const oci::Reference& ref, bool annotations);

}  // namespace signet::cli
