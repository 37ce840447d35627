#include "cosign/AttachmentTag.h"

#include "error/Error.h"

namespace signet::cosign {

std::string attachmentTag(const std::string& digest, AttachmentKind kind) {
    std::string tag = digest;
    auto colon = tag.find(':');
    if (colon != std::string::npos) tag[colon] = '-';
    switch (kind) {
        case AttachmentKind::Signature:
            return tag + ".sig";
        case AttachmentKind::Attestation:
            return tag + ".att";
        case AttachmentKind::Sbom:
            return tag + ".sbom";
    }
    return tag;
}

std::string attachmentLocation(const oci::Repository& repository, const std::string& tag) {
    return repository.name() + ":" + tag;
}

}  // namespace signet::cosign
