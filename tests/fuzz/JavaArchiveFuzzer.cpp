// A jar/war/ear (zip): MANIFEST.MF, pom.properties and nested archives; the artifacts found must
// survive the encoding the cataloger keeps between layer read and catalog.
#include <cstdlib>

#include "sbom/catalog/java/JavaArchive.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        auto artifacts = signet::sbom::readJavaArchive(bytes, "app-1.0.jar");
        auto decoded =
            signet::sbom::decodeJavaArtifacts(signet::sbom::encodeJavaArtifacts(artifacts));
        if (decoded.size() != artifacts.size()) std::abort();
    });
    return 0;
}
