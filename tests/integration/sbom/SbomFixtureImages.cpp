#include "SbomFixtureImages.h"

#include <filesystem>
#include <stdexcept>

#include "harness/Command.h"
#include "harness/Paths.h"

namespace signet::testing {
namespace {

std::string buildFixtures() {
    auto cache = std::filesystem::path(signetBinary()).parent_path() / "sbom-fixtures";
    CommandOptions options;
    options.timeout = std::chrono::seconds(900);  // debootstrap through the mirror, first run only
    CommandResult result = runCommandForResult(
        {sourceDir() + "/tests/fixtures-build/build_sbom_fixtures.py", cache.string()}, options);
    if (result.exitCode != 0) {
        throw std::runtime_error("building the SBOM fixture images failed (exit " +
                                 std::to_string(result.exitCode) + "):\n" + result.out +
                                 result.err);
    }
    std::string dir = result.out;
    while (!dir.empty() && dir.back() == '\n') dir.pop_back();
    return dir;
}

}  // namespace

const SbomFixtureImages& SbomFixtureImages::get() {
    static const SbomFixtureImages images(buildFixtures());
    return images;
}

nlohmann::json SbomFixtureImages::truth(const std::string& tag) const {
    return nlohmann::json::parse(readFile(dir_ + "/truth/" + tag + ".json"));
}

PushedImage SbomFixtureImages::push(const TestRegistry& registry, const std::string& tag,
                                    ManifestFormat format) const {
    return pushOciLayout(registry, layout(), tag, "sbom/" + tag, tag, format);
}

}  // namespace signet::testing
