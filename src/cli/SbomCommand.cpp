// `signet sbom`: catalogue an image's layers, straight from the registry, into an SBOM document.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "config/CommandTimeout.h"
#include "config/LayerCacheSetting.h"
#include "config/SourceDateEpoch.h"
#include "error/Error.h"
#include "net/Deadline.h"
#include "sbom/ImageSbom.h"

namespace signet::cli {
namespace {

std::string platformFileName(const std::string& platform, const std::string& extension) {
    std::string name = platform.empty() ? "image" : platform;
    for (char& c : name) {
        if (c == '/') c = '-';
    }
    return name + extension;
}

void writeOutput(const std::string& path, const std::string& document) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << document)) throw Error(ErrorKind::Usage, "cannot write SBOM to " + path);
}

}  // namespace

int runSbom(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string format = "spdx-json", platform, output;
    ArgumentParser parser("sbom", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    std::string timeout;
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.option("--format", &format, "spdx-json (default), spdx-tag or cyclonedx-json");
    parser.option("--platform", &platform, "os/arch[/variant] to pick from an index");
    std::string cacheDir, cacheMaxBytes;
    parser.option("--cache-dir", &cacheDir,
                  "keep each layer's scan here by diff_id and reuse it (default SIGNET_CACHE_DIR; "
                  "none)");
    parser.option("--cache-max-bytes", &cacheMaxBytes,
                  "the layer cache's size, least recently used out first (default "
                  "SIGNET_CACHE_MAX_BYTES, 512MiB)");
    parser.option("--output,-o", &output,
                  "file to write (a directory for several platforms); "
                  "default standard output");
    std::string text = parser.parseOne(args);
    // syft's -o is the format; here (as in trivy) it is the file. A bare format word is refused
    // rather than written to a file of that name.
    for (const char* word : {"spdx", "spdx-json", "spdx-tag", "spdx-tag-value", "cyclonedx",
                             "cyclonedx-json", "cyclonedx-xml", "json", "syft-json", "table"}) {
        if (output == word) {
            throw Error(ErrorKind::Usage,
                        "-o/--output names the file to write; for the format use --format "
                        "spdx-json|spdx-tag|cyclonedx-json (for a file named " +
                            output + ", pass ./" + output + ")");
        }
    }
    sbom::DocumentFormat documentFormat = sbom::parseDocumentFormat(format);
    const auto& traits = sbom::traitsOf(documentFormat);
    oci::Reference ref = oci::Reference::parse(text);
    const std::optional<std::time_t> created = config::sourceDateEpoch(env);
    const auto cacheOptions = config::layerCacheOptions(cacheDir, cacheMaxBytes, env);

    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(net::Deadline::after(config::commandTimeout(timeout, env)));
    std::string digest = cosign::resolveDigest(*client, ref, lookupOnly());
    std::vector<std::string> platforms;
    if (!platform.empty()) platforms.push_back(platform);
    auto images = sbom::platformImages(*client, ref, digest, platforms);
    bool many = images.size() > 1;
    if (many && output.empty()) {
        throw Error(ErrorKind::Usage, text + " is an index of " + std::to_string(images.size()) +
                                          " platforms: pick one with --platform, or give -o DIR");
    }
    if (many) std::filesystem::create_directories(output);
    std::shared_ptr<const sbom::LayerCache> cache;
    if (cacheOptions) {
        std::string unusable;
        cache = sbom::openLayerCache(*cacheOptions, unusable);
        if (!cache) std::cerr << "signet sbom: warning: " << unusable << "\n";
    }
    auto generator = sbom::SbomGenerator::withDefaultCatalogers({}, cache);
    std::ostream* terminal = isatty(STDERR_FILENO) ? &std::cerr : nullptr;
    for (auto& image : images) {
        sbom::ImageSbom made =
            sbom::makeImageSbom(generator, std::move(image), documentFormat, created, terminal);
        if (output.empty()) {
            std::cout << made.document;
        } else {
            writeOutput(
                many ? output + "/" + platformFileName(made.platform, traits.extension) : output,
                made.document);
        }
        std::cerr << "signet sbom: " << sbom::summaryOf(made) << "\n";
        for (const auto& warning : made.catalogue.warnings)
            std::cerr << "signet sbom: warning: " << warning << "\n";
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
