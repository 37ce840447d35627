#include "cosign/AttachmentTag.h"

#include "error/Error.h"

namespace signet::cosign {

std::string digestTag(const std::string& digest) {
    std::string tag = digest;
    auto colon = tag.find(':');
    if (colon != std::string::npos) tag[colon] = '-';
    return tag;
}

std::string attachmentTag(const std::string& digest, AttachmentKind kind) {
    const std::string tag = digestTag(digest);
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
