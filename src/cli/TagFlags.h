// TagFlags: --allow-tag-only and --no-verify-tags, the same on every command that writes next to
// an image (sign, attest, attach sbom): a tag alone is refused, a tag@digest is checked.
#pragma once

#include "cli/ArgumentParser.h"
#include "cosign/ImageSigner.h"
#include "oci/Reference.h"

namespace signet::cli {

struct TagFlags {
    bool allowTagOnly = false;
    bool noVerifyTags = false;

    void addTo(ArgumentParser& parser);
    // Throws cosign::tagOnlyRefused for a tag without a digest unless --allow-tag-only: called
    // before anything is written.
    void check(const oci::Reference& ref) const;
    // The options that resolve a reference as these flags say.
    cosign::SignOptions resolving() const;
};

}  // namespace signet::cli
