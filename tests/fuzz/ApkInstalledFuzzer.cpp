// Alpine's lib/apk/db/installed through the apk cataloger.
#include "sbom/catalog/apk/ApkCataloger.h"
#include "support/CatalogerRun.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::fuzz::catalogFiles(signet::sbom::ApkCataloger(), {{"lib/apk/db/installed", text}});
    });
    return 0;
}
