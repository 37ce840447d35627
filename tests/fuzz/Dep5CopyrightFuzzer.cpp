// Debian copyright files (DEP-5), both the parser and the dpkg cataloger's use of it.
#include "sbom/catalog/dpkg/Dep5Copyright.h"
#include "sbom/catalog/dpkg/DpkgCataloger.h"
#include "support/CatalogerRun.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::sbom::dep5Licenses(text);
        signet::fuzz::catalogFiles(
            signet::sbom::DpkgCataloger(),
            {{"var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n"},
             {"usr/share/doc/bash/copyright", text}});
    });
    return 0;
}
