#include "harness/TestImage.h"

#include <nlohmann/json.hpp>
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

std::vector<std::string> skopeoCopyCommand(const std::string& digestFile, ManifestFormat format) {
    std::vector<std::string> argv = {"skopeo",        "copy", "--insecure-policy", "--all",
                                     "--retry-times", "2",    "--digestfile",      digestFile};
    if (format == ManifestFormat::Oci) argv.push_back("--preserve-digests");
    if (format == ManifestFormat::DockerV2S2) argv.insert(argv.end(), {"--format", "v2s2"});
    return argv;
}

// The platform entries of the index the registry now serves for name:tag.
std::vector<PushedPlatformImage> platformsOf(const TestRegistry& registry,
                                             const std::string& nameAndTag) {
    auto index = nlohmann::json::parse(fetchRawManifest(registry, nameAndTag));
    std::vector<PushedPlatformImage> platforms;
    for (const auto& entry : index.at("manifests")) {
        const auto& platform = entry.at("platform");
        platforms.push_back(
            {{platform.at("os"), platform.at("architecture"), platform.value("variant", "")},
             entry.at("digest")});
    }
    return platforms;
}

}  // namespace

PushedImage pushOciLayout(const TestRegistry& registry, const std::string& layoutDir,
                          const std::string& layoutTag, const std::string& name,
                          const std::string& tag, ManifestFormat format) {
    TempDir scratch;
    std::string digestFile = scratch.path() + "/digest";
    std::vector<std::string> argv = skopeoCopyCommand(digestFile, format);
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
                           const std::string& tag, const std::string& content,
                           ManifestFormat format) {
    TempDir scratch;
    OciLayoutWriter layout(scratch.path() + "/layout");
    layout.tag(layout.writeImage({{"content.txt", content}}), tag);
    return pushOciLayout(registry, layout.dir(), tag, name, tag, format);
}

PushedIndex pushMultiPlatformImage(const TestRegistry& registry, const std::string& name,
                                   const std::string& tag, const std::string& content,
                                   ManifestFormat format) {
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
    PushedImage index = pushOciLayout(registry, layout.dir(), tag, name, tag, format);
    return {index, platformsOf(registry, name + "@" + index.digest)};
}

std::string fetchRawManifest(const TestRegistry& registry, const std::string& nameAndReference) {
    std::vector<std::string> argv = {"skopeo", "inspect", "--raw", "--retry-times", "2"};
    for (const auto& arg : registry.skopeoArgs()) argv.push_back(arg);
    argv.push_back("docker://" + registry.host() + "/" + nameAndReference);
    return runCommand(argv);
}

}  // namespace signet::testing
