// An rpm database file: Berkeley DB hash Packages and ndb Packages.db, then every blob found.
#include "sbom/catalog/rpm/BerkeleyDbHash.h"
#include "sbom/catalog/rpm/RpmHeader.h"
#include "sbom/catalog/rpm/RpmNdb.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace signet::sbom;
    std::string_view file(reinterpret_cast<const char*>(data), size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        for (const auto& record : readBerkeleyDbHash(file)) parseRpmHeader(record.value);
    });
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        for (const auto& blob : rpmNdbBlobs(file)) parseRpmHeader(blob);
    });
    return 0;
}
