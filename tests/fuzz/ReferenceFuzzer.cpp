// Image references from the command line, task YAML and registry answers.
#include <cstdlib>

#include "oci/Reference.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        auto reference = signet::oci::Reference::parse(text);
        (void)reference.name();
        if (reference.hasTag()) (void)reference.tagName();
        if (reference.hasDigest()) (void)reference.digestName();
        // A normalised reference must parse back to itself.
        auto again = signet::oci::Reference::parse(reference.str());
        if (again.repository != reference.repository || again.tag != reference.tag ||
            again.digest != reference.digest)
            std::abort();
    });
    signet::oci::isValidDigest(text);
    return 0;
}
