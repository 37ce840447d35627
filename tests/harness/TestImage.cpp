#include "harness/TestImage.h"

#include <stdexcept>

#include "harness/Paths.h"

namespace signet::testing {
namespace {

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

}  // namespace

PushedImage pushOciLayout(const TestRegistry& registry, const std::string& layoutDir,
                          const std::string& layoutTag, const std::string& name,
                          const std::string& tag) {
    TempDir scratch;
    std::string digestFile = scratch.path() + "/digest";
    std::vector<std::string> argv = {
        "skopeo",        "copy", "--insecure-policy", "--all",   "--preserve-digests",
        "--retry-times", "2",    "--digestfile",      digestFile};
    for (const auto& arg : registry.skopeoDestArgs()) argv.push_back(arg);
    argv.push_back("oci:" + layoutDir + ":" + layoutTag);
    argv.push_back("docker://" + registry.host() + "/" + name + ":" + tag);
    runCommand(argv);
    std::string digest = trimmed(readFile(digestFile));
    if (digest.rfind("sha256:", 0) != 0 || digest.size() != 71) {
        throw std::runtime_error("skopeo copy wrote \"" + digest + "\" as the digest of " + name +
                                 ":" + tag);
    }
    return {registry.host() + "/" + name, tag, digest};
}

PushedImage pushSmallImage(const TestRegistry& registry, const std::string& name,
                           const std::string& tag, const std::string& content) {
    TempDir scratch;
    OciLayoutWriter layout(scratch.path() + "/layout");
    layout.tag(layout.writeImage({{"content.txt", content}}), tag);
    return pushOciLayout(registry, layout.dir(), tag, name, tag);
}

PushedIndex pushMultiPlatformImage(const TestRegistry& registry, const std::string& name,
                                   const std::string& tag, const std::string& content) {
    TempDir scratch;
    OciLayoutWriter layout(scratch.path() + "/layout");
    std::vector<OciDescriptor> manifests;
    for (const OciPlatform& platform :
         {OciPlatform{"linux", "amd64", ""}, OciPlatform{"linux", "arm64", "v8"}}) {
        std::string label = platform.os + "/" + platform.architecture;
        manifests.push_back(layout.writeImage(
            {{"content.txt", content}, {"platform.txt", label + "\n"}}, platform));
    }
    layout.tag(layout.writeIndex(manifests), tag);
    PushedIndex pushed{pushOciLayout(registry, layout.dir(), tag, name, tag), {}};
    for (const auto& manifest : manifests) {
        pushed.platforms.push_back({*manifest.platform, manifest.digest});
    }
    return pushed;
}

std::string fetchRawManifest(const TestRegistry& registry, const std::string& nameAndReference) {
    std::vector<std::string> argv = {"skopeo", "inspect", "--raw", "--retry-times", "2"};
    for (const auto& arg : registry.skopeoArgs()) argv.push_back(arg);
    argv.push_back("docker://" + registry.host() + "/" + nameAndReference);
    return runCommand(argv);
}

}  // namespace signet::testing
