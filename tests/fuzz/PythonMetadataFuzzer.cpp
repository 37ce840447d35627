// dist-info METADATA / egg-info PKG-INFO through the Python cataloger.
#include "sbom/catalog/python/PythonCataloger.h"
#include "support/CatalogerRun.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::fuzz::catalogFiles(
            signet::sbom::PythonCataloger(),
            {{"usr/lib/python3/dist-packages/x-1.0.dist-info/METADATA", text},
             {"usr/lib/python3.11/site-packages/y-2.0-py3.11.egg-info/PKG-INFO", text}});
    });
    return 0;
}
