// AttachmentTree: what is attached to an image, as `cosign tree` lists it — the layers of its
// .sig, .att and .sbom tags and the OCI 1.1 referrers of its digest.
#pragma once

#include <optional>
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
    std::string artifactType;   // the index entry's
    std::string predicateType;  // a Sigstore bundle's (its manifest's annotation), or ""
    std::string digest;         // the referrer manifest's
    std::string location;       // "registry/repo@sha256:…"
    std::vector<std::string> layers;
    // What `cosign tree` names it by: the bundle's predicate type, else the artifact type.
    const std::string& shownType() const {
        return predicateType.empty() ? artifactType : predicateType;
    }
};

// The artifact type of the Sigstore bundles cosign v3 stores as referrers.
inline constexpr const char* kSigstoreBundleArtifactType =
    "application/vnd.dev.sigstore.bundle.v0.3+json";

struct AttachmentTree {
    std::vector<AttachedTag> tags;  // signatures, attestations, SBOMs; only those with layers
    std::vector<AttachedReferrer> referrers;  // empty also when the registry has no referrers API
    // The OCI 1.1 tag-schema index ("sha256-<hex>") the referrers came from, when the registry
    // has no referrers API and one exists: its raw bytes.
    std::optional<std::string> referrersTagIndex;
    bool empty() const { return tags.empty() && referrers.empty(); }
};

// Fills tree.referrers (and tree.referrersTagIndex) with the referrers of repo@digest.
void readReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                   const std::string& digest, AttachmentTree& tree);

// Reads the three attachment tags of repo@digest (where `settings` keeps them) and the referrers
// of the digest in `repo`. Throws Error for registry failures other than a missing tag.
AttachmentTree readAttachmentTree(oci::RegistryClient& client, const StoreSettings& settings,
                                  const oci::Repository& repo, const std::string& digest);

}  // namespace signet::cosign
