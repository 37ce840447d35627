// AttachmentTree: what is attached to an image, as `cosign tree` lists it — the layers of its
// .sig, .att and .sbom tags and the OCI 1.1 referrers of its digest.
#pragma once

#include <string>
#include <vector>

#include "cosign/AttachmentTag.h"
#include "cosign/StoreSettings.h"
#include "oci/RegistryClient.h"

namespace signet::cosign {

struct AttachedTag {
    AttachmentKind kind;
    std::string location;             // "registry/repo:sha256-<hex>.sig"
    std::vector<std::string> layers;  // the layer digests, in manifest order
};

struct AttachedReferrer {
    std::string artifactType;  // a Sigstore bundle's predicate type when it names one
    std::string location;      // "registry/repo@sha256:…"
    std::vector<std::string> layers;
};

struct AttachmentTree {
    std::vector<AttachedTag> tags;  // signatures, attestations, SBOMs; only those with layers
    std::vector<AttachedReferrer> referrers;  // empty also when the registry has no referrers API
    bool empty() const { return tags.empty() && referrers.empty(); }
};

// Reads the three attachment tags of repo@digest (where `settings` keeps them) and the referrers
// of the digest in `repo`. Throws Error for registry failures other than a missing tag.
AttachmentTree readAttachmentTree(oci::RegistryClient& client, const StoreSettings& settings,
                                  const oci::Repository& repo, const std::string& digest);

}  // namespace signet::cosign
