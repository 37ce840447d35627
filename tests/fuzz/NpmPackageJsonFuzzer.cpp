// An installed package.json through the npm cataloger.
#include "sbom/catalog/npm/NpmCataloger.h"
#include "support/CatalogerRun.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::fuzz::catalogFiles(signet::sbom::NpmCataloger(),
                                   {{"app/node_modules/x/package.json", text}});
    });
    return 0;
}
