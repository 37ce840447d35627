// /var/lib/dpkg/status (and a distroless status.d file) through the dpkg cataloger.
#include "sbom/catalog/dpkg/DpkgCataloger.h"
#include "support/CatalogerRun.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::fuzz::catalogFiles(
            signet::sbom::DpkgCataloger(),
            {{"var/lib/dpkg/status", text},
             {"var/lib/dpkg/status.d/base", text},
             {"usr/share/doc/bash/copyright", "Format: x\n\nFiles: *\nLicense: GPL-3+\n"}});
    });
    return 0;
}
