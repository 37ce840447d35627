#include "cli/VerificationHeader.h"

namespace signet::cli {

void printVerificationHeader(std::ostream& out, const oci::Reference& ref, bool annotations,
                             bool tlog) {
    out << "\nVerification for " << ref.name() << " --\n"
        << "The following checks were performed on each of these signatures:\n";
    if (annotations) out << "  - The specified annotations were verified.\n";
    out << "  - The cosign claims were validated\n";
    if (tlog) out << "  - Existence of the claims in the transparency log was verified offline\n";
    out << "  - The signatures were verified against the specified public key\n";
}

}  // namespace signet::cli
