#include "cli/VerificationHeader.h"

namespace signet::cli {

void printVerificationHeader(std::ostream& out, const oci::Reference& ref, bool annotations) {
    out << "\nVerification for " << ref.name() << " --\n"
        << "The following checks were performed on each of these signatures:\n";
    if (annotations) out << "  - The specified annotations were verified.\n";
    out << "  - The cosign claims were validated\n"
        << "  - The signatures were verified against the specified public key\n";
}

}  // namespace signet::cli
