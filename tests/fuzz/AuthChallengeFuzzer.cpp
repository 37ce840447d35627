// WWW-Authenticate values: whatever a registry (or a man in the middle) answers with.
#include "oci/AuthChallenge.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Documented never to throw, so nothing is caught here.
    for (const auto& challenge :
         signet::oci::parseAuthChallenges(signet::fuzz::inputText(data, size)))
        (void)challenge.param("realm");
    return 0;
}
