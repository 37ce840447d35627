// `signet triangulate`: prints where an image's signatures, attestations or SBOM are stored.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "error/Error.h"
#include "cli/RegistryAccess.h"
#include "cosign/AttachmentTag.h"
#include "cosign/ImageSigner.h"

namespace signet::cli {

int runTriangulate(const Arguments& args, const Environment& env) {
    std::string type = "signature";
    bool help = false;
    ArgumentParser parser("triangulate");
    parser.option("--type", &type, "signature (default), attestation, sbom or digest");
    parser.flag("--help,-h", &help, "show this help");
    std::vector<std::string> refs = parser.parse(args);
    if (help) {
        std::cout << parser.usage("REF");
        return exit_code::kOk;
    }
    if (refs.size() != 1) {
        throw Error(ErrorKind::Usage, "triangulate takes exactly one image reference");
    }
    if (type != "signature" && type != "attestation" && type != "sbom" && type != "digest") {
        throw Error(ErrorKind::Usage,
                    "--type must be signature, attestation, sbom or digest, got '" + type + "'");
    }
    oci::Reference ref = oci::Reference::parse(refs[0]);
    // Like cosign, a digest is used as given; a tag is resolved.
    std::string digest = ref.digest;
    if (!ref.hasDigest()) digest = cosign::resolveDigest(*connectRegistry(env), ref, lookupOnly());
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
    std::cout << cosign::attachmentLocation(cosign::attachmentRepository(ref.repository, env),
                                            cosign::attachmentTag(digest, kind))
              << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
