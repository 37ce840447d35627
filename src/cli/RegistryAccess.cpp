#include "cli/RegistryAccess.h"

#include <iostream>

#include "error/Error.h"

namespace signet::cli {

cosign::SignOptions lookupOnly() {
    cosign::SignOptions options;
    options.allowTagOnly = true;
    options.verifyTags = false;
    return options;
}

std::optional<std::string> digestToVerify(oci::RegistryClient& client, const oci::Reference& ref,
                                          const std::string& command) {
    try {
        return cosign::resolveDigest(client, ref, lookupOnly());
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::NotFound) throw;
        std::cerr << "signet " << command << ": image tag not found: " << ref.name() << "\n";
        return std::nullopt;
    }
}

}  // namespace signet::cli
