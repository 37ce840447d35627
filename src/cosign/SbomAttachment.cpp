#include "cosign/SbomAttachment.h"

#include "cosign/AttachmentTag.h"
#include "error/Error.h"

namespace signet::cosign {

std::string sbomMediaType(const std::string& type, bool json) {
    if (type == "spdx") return json ? "text/spdx+json" : "text/spdx";
    if (type == "cyclonedx") {
        return json ? "application/vnd.cyclonedx+json" : "application/vnd.cyclonedx+xml";
    }
    if (type == "syft") return "application/vnd.syft+json";
    throw Error(ErrorKind::Usage,
                "unknown SBOM type \"" + type + "\": use spdx, cyclonedx or syft");
}

AttachedSbom attachSbom(SignatureStore& store, ImageSigner& signer, const oci::Repository& repo,
                        const std::string& digest, const std::string& document,
                        const std::string& mediaType, const std::string& identity) {
    oci::Repository target = store.settings().attachmentsFor(repo);
    AppendResult stored = store.replace(target, attachmentTag(digest, AttachmentKind::Sbom),
                                        {mediaType, document, {}});
    AttachedSbom attached;
    attached.location = stored.location;
    attached.manifestDigest = stored.manifestDigest;
    // The SBOM image lives in `target`; its signature goes next to it.
    attached.signature = signer.signDigest(target, stored.manifestDigest, identity, {});
    return attached;
}

}  // namespace signet::cosign
