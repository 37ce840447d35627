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

std::optional<oci::Repository> attachmentRepositoryOverride(const Environment& env) {
    auto override = env.get("COSIGN_REPOSITORY");
    if (!override || override->empty()) return std::nullopt;
    try {
        oci::Reference parsed = oci::Reference::parse(*override);
        if (parsed.hasTag() || parsed.hasDigest()) {
            throw Error(ErrorKind::Config, "must name a repository without tag or digest");
        }
        return parsed.repository;
    } catch (const Error& e) {
        throw Error(ErrorKind::Config, std::string("COSIGN_REPOSITORY: ") + e.what());
    }
}

oci::Repository attachmentRepository(const oci::Repository& image, const Environment& env) {
    return attachmentRepositoryOverride(env).value_or(image);
}

std::string attachmentLocation(const oci::Repository& repository, const std::string& tag) {
    return repository.name() + ":" + tag;
}

}  // namespace signet::cosign
