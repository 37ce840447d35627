// Layer cache entries (SIGNET_CACHE_DIR): the input is sealed with a valid checksum first, as a
// writer of the cache directory could, so the body parser itself is what gets fuzzed.
#include "sbom/cache/CachedLayer.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace signet::sbom;
    std::string body = signet::fuzz::inputText(data, size);
    static const std::vector<std::string> tags = {"os-release", "dpkg", "go-binary"};
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        CachedLayer layer = decodeCachedLayer(sealCachedLayerBody(body, "k"), "k", 1, tags, 4096);
        (void)encodeCachedLayer(layer.diff, layer.warnings, "k");
    });
    // Unsealed, the same bytes must fail cleanly too.
    signet::fuzz::refusingOnlyWithSignetErrors(
        [&] { (void)decodeCachedLayer(body, "k", 1, tags, 4096); });
    return 0;
}
