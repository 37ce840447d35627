// `signet dockerfile verify`: cosign's check that every image a Dockerfile builds from is signed.
#include <iostream>

#include "cli/Commands.h"
#include "cli/ImageVerification.h"
#include "cosign/DockerfileImages.h"
#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::cli {

int runDockerfile(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    VerifyFlags flags;
    bool baseImageOnly = false;
    ArgumentParser parser("dockerfile verify", "Dockerfile");
    flags.addTo(parser);
    parser.flag("--base-image-only", &baseImageOnly,
                "verify only the last image the Dockerfile names (the final stage's base)");
    if (args.empty() || args[0] != "verify") {
        parser.parse(args);  // `dockerfile --help` is help too
        throw Error(ErrorKind::Usage,
                    "dockerfile takes 'verify' first: signet dockerfile verify --key PUB "
                    "[--base-image-only] Dockerfile");
    }
    const std::string path = parser.parseOne(Arguments(args.begin() + 1, args.end()));
    const std::string text = io::readFileContents(path, 4u << 20, ErrorKind::Usage, "Dockerfile");
    // Build arguments come from the environment, as cosign reads them.
    auto found =
        cosign::dockerfileImages(text, [&env](const std::string& name) { return env.get(name); });
    for (const auto& note : found.notes) std::cerr << note << "\n";
    if (found.images.empty()) throw Error(ErrorKind::Usage, "no images found in " + path);
    if (baseImageOnly) found.images.erase(found.images.begin(), found.images.end() - 1);
    std::string list;
    for (const auto& image : found.images) list += (list.empty() ? "" : ", ") + image;
    std::cerr << "Extracted image(s): " << list << "\n";
    return verifyImages("dockerfile verify", found.images, flags, env, secrets);
}

}  // namespace signet::cli
