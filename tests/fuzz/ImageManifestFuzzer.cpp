// Image manifests and config blobs as a registry serves them; what parses must marshal.
#include "oci/ImageManifest.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)signet::oci::marshalManifest(signet::oci::parseManifest(text, "manifest")); });
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)signet::oci::marshalConfig(signet::oci::parseConfig(text, "config")); });
    return 0;
}
