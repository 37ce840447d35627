// `signet triangulate`: prints where an image's signatures, attestations or SBOM are stored.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/RegistryAccess.h"
#include "config/StoreSettingsFromEnvironment.h"
#include "cosign/AttachmentTag.h"
#include "cosign/ImageSigner.h"
#include "error/Error.h"

namespace signet::cli {

int runTriangulate(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string type = "signature";
    ArgumentParser parser("triangulate", "REF");
    RegistryFlags registryFlags;
    registryFlags.addTo(parser);
    parser.option("--type", &type, "signature (default), attestation, sbom or digest");
    std::string text = parser.parseOne(args);
    if (type != "signature" && type != "attestation" && type != "sbom" && type != "digest") {
        throw Error(ErrorKind::Usage,
                    "--type must be signature, attestation, sbom or digest, got '" + type + "'");
    }
    oci::Reference ref = oci::Reference::parse(text);
    const cosign::StoreSettings storeSettings = config::storeSettingsFromEnvironment(env);
    // Like cosign, a digest is used as given; a tag is resolved.
    std::string digest = ref.digest;
    if (!ref.hasDigest())
        digest = cosign::resolveDigest(*connectRegistry(env, secrets, registryFlags, {ref}), ref,
                                       lookupOnly());
    if (type == "digest") {
        std::cout << ref.repository.name() << "@" << digest << "\n";
        return exit_code::kOk;
    }
    if (type == "sbom") {
        std::cerr << "WARNING: SBOM attachments are deprecated in cosign; prefer attestations\n";
    }
    cosign::AttachmentKind kind = type == "signature"     ? cosign::AttachmentKind::Signature
                                  : type == "attestation" ? cosign::AttachmentKind::Attestation
                                                          : cosign::AttachmentKind::Sbom;
    std::cout << cosign::attachmentLocation(storeSettings.attachmentsFor(ref.repository),
                                            cosign::attachmentTag(digest, kind))
              << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
