// `signet attach sbom`: cosign attach sbom (.sbom tag) and then cosign sign of the SBOM manifest.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "cli/SbomTypeFlag.h"
#include "cli/SigningKey.h"
#include "cli/TagFlags.h"
#include "config/CommandTimeout.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/SbomAttachment.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "net/Deadline.h"

namespace signet::cli {

int runAttach(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, sbom, type = "spdx", inputFormat;
    ArgumentParser parser("attach sbom", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    std::string timeout;
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    TagFlags tagFlags;
    tagFlags.addTo(parser);
    parser.option("--sbom", &sbom, "the SBOM file");
    parser.option("--type", &type,
                  "spdx (default), cyclonedx or syft; or spdx-json, spdx-tag, cyclonedx-json");
    parser.option("--input-format", &inputFormat, "json, text or xml (default: by file name)");
    parser.option("--key", &key,
                  "private key that signs the SBOM manifest (default SIGNET_KEY, "
                  "COSIGN_KEY, SIGNET_KEY_DIR)");
    if (args.empty() || args[0] != "sbom") {
        // `attach --help` is help too; anything else names what attach takes.
        parser.parse(args);
        throw Error(ErrorKind::Usage,
                    "attach takes 'sbom' first: signet attach sbom --sbom FILE "
                    "[--type spdx|cyclonedx|syft] [--key K] REF");
    }
    std::string text = parser.parseOne(Arguments(args.begin() + 1, args.end()));
    if (sbom.empty()) throw Error(ErrorKind::Usage, "attach sbom needs --sbom FILE");
    const AttachType attachType = attachTypeFor(type, inputFormat, sbom);
    std::string mediaType = cosign::sbomMediaType(attachType.type, attachType.json);
    oci::Reference ref = oci::Reference::parse(text);
    tagFlags.check(ref);
    std::string document = io::readFileContents(sbom, 128u << 20, ErrorKind::Usage, "SBOM file");
    const auto deadline = net::Deadline::after(config::commandTimeout(timeout, env));
    auto signer = loadSigningKey(key, env, secrets, deadline);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    auto registry = connectRegistry(env, secrets, registryFlags, {ref});
    auto client = registry->within(deadline);
    std::string digest = cosign::resolveDigest(*client, ref, tagFlags.resolving());
    cosign::SignatureStore store(*client, storeSettings);
    cosign::ImageSigner imageSigner(*client, store, *signer);
    auto attached = cosign::attachSbom(store, imageSigner, ref.repository, digest, document,
                                       mediaType, ref.repository.name());
    std::cout << text << " " << digest << " " << attached.location << " "
              << attached.signature.location << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
