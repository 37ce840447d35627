// SignedImageCopy: `cosign copy` — an image (an index with every platform, or one platform of
// it) and the signatures, attestations and SBOMs stored for each of its manifests, copied to
// another repository, so that what verified at the source verifies at the destination.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cosign/AttachmentTag.h"
#include "cosign/StoreSettings.h"
#include "oci/ManifestCopy.h"
#include "oci/Reference.h"
#include "oci/RegistryClient.h"

namespace signet::cosign {

struct CopyOptions {
    std::vector<AttachmentKind> attachments{AttachmentKind::Signature, AttachmentKind::Attestation,
                                            AttachmentKind::Sbom};
    bool attachmentsOnly = false;  // --only: the destination's tag is not moved
    bool force = false;            // overwrite a destination tag that names something else
    std::string platform;          // "os/arch[/variant]": only that image of an index
};

// Called with cosign's "Copying SRC to DST..." line before each copy.
using CopyLog = std::function<void(const std::string&)>;

// Copies `sourceDigest` of `source`'s repository to `destination`. For the image and each
// manifest of an index: its attachment tags (read where `settings` keeps them, written under
// the same tag in the destination repository; missing ones skipped) and the manifest itself
// (tagged "sha256-<hex>" as cosign does); then, unless attachmentsOnly, the destination's tag
// (or digest; "latest" when neither is given). Without force a destination tag that names
// another digest is an Error(Immutable); one that names the same digest is left alone.
oci::ManifestCopyStats copySignedImage(oci::RegistryClient& client, const StoreSettings& settings,
                                       const oci::Reference& source,
                                       const std::string& sourceDigest,
                                       const oci::Reference& destination,
                                       const CopyOptions& options, const CopyLog& log);

}  // namespace signet::cosign
