#include "cli/TagFlags.h"

namespace signet::cli {

void TagFlags::addTo(ArgumentParser& parser) {
    parser.flag("--allow-tag-only", &allowTagOnly,
                "write for a tag without a digest, at the digest it names now");
    parser.flag("--no-verify-tags", &noVerifyTags,
                "do not check that a tag still points at the given digest");
}

void TagFlags::check(const oci::Reference& ref) const {
    if (!ref.hasDigest() && !allowTagOnly) throw cosign::tagOnlyRefused(ref);
}

cosign::SignOptions TagFlags::resolving() const {
    cosign::SignOptions options;
    options.allowTagOnly = allowTagOnly;
    options.verifyTags = !noVerifyTags;
    return options;
}

}  // namespace signet::cli
