// One RPM header blob as stored in an rpmdb.
#include "sbom/catalog/rpm/RpmHeader.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view blob(reinterpret_cast<const char*>(data), size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] { signet::sbom::parseRpmHeader(blob); });
    return 0;
}
