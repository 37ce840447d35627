// OCI image indexes and Docker manifest lists as a registry serves them.
#include "oci/ImageIndex.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] { signet::oci::parseIndex(text, "index"); });
    return 0;
}
