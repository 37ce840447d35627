// VerificationHeader: the lines cosign prints on stderr after a successful verification.
#pragma once

#include <ostream>

#include "oci/Reference.h"

namespace signet::cli {

// `tlog`: every accepted signature had a transparency-log entry verified offline.
void printVerificationHeader(std::ostream& out, const oci::Reference& ref, bool annotations,
                             bool tlog = false);

}  // namespace signet::cli
