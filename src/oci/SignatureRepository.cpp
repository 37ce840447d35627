#include "oci/SignatureRepository.h"

#include "error/Error.h"

namespace signet::oci {

Repository signatureRepository(const Repository& image, const Environment& env) {
    std::string target = env.getOr("COSIGN_REPOSITORY", "");
    if (target.empty()) return image;
    Reference parsed;
    try {
        parsed = Reference::parse(target);
    } catch (const Error& e) {
        throw Error(ErrorKind::Config, std::string("COSIGN_REPOSITORY: ") + e.what());
    }
    if (parsed.hasTag() || parsed.hasDigest()) {
        throw Error(ErrorKind::Config, "COSIGN_REPOSITORY=\"" + target +
                                           "\" must name a repository, without a tag or digest");
    }
    return parsed.repository;
}

}  // namespace signet::oci
