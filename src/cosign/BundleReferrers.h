// BundleReferrers: where Sigstore bundles are stored — each its own OCI 1.1 referrer manifest of
// the image digest, listed by the registry's referrers API or, without it, by the tag-schema index
// "sha256-<hex>" signet keeps (SignatureStore::addReferrer) — and how they are found again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cosign/SignatureStore.h"
#include "oci/Descriptor.h"
#include "oci/RegistryClient.h"

namespace signet::cosign {

// The referrers of a digest as an OCI image index: from the referrers API, else the tag index.
struct ReferrerListing {
    bool api = false;                  // the registry answered the referrers API
    std::optional<std::string> index;  // the index bytes; nullopt when there is none
};
ReferrerListing listReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                              const std::string& digest);

// A Sigstore bundle referrer: a manifest whose one layer has a bundle media type
// (application/vnd.dev.sigstore.bundle…, as cosign v3's GetBundles requires).
struct FoundBundle {
    std::string digest;         // the referrer manifest's
    std::string location;       // "registry/repo@sha256:…"
    std::string predicateType;  // its dev.sigstore.bundle.predicateType annotation, or ""
    std::string bundle;         // the bundle JSON
};
struct BundleLookup {
    bool api = false;
    std::vector<FoundBundle> bundles;
    std::vector<std::string> problems;  // referrers that could not be read, one line each
};
// Every bundle referrer of repo@digest, in listing order. Throws Error for registry failures
// of the listing itself.
BundleLookup findBundles(oci::RegistryClient& client, const oci::Repository& repo,
                         const std::string& digest);

// True when the referrers listing of repo@digest names a Sigstore bundle (by artifactType; no
// referrer is read): the cheap look the legacy path takes to say the digest has both formats.
bool listsBundles(oci::RegistryClient& client, const oci::Repository& repo,
                  const std::string& digest);

struct StoredBundle {
    oci::Descriptor referrer;  // the referrer manifest's descriptor (as the index lists it)
    std::string location;      // "registry/repo@sha256:…"
    AppendResult index;        // the tag-index write (writes == 0 with the referrers API)
};
// Pushes `bundle` as a referrer of repo@subject (its descriptor from a HEAD): the bundle and
// empty-config blobs, the referrer manifest by digest, and, when the registry has no referrers
// API (`api`: as a listing found; nullopt: asked now), its entry in the tag-schema index.
// Throws Error(NotFound) when the subject is not there.
StoredBundle storeBundle(oci::RegistryClient& client, SignatureStore& store,
                         const oci::Repository& repo, const std::string& subject,
                         const std::string& bundle, const std::string& predicateType,
                         std::optional<bool> api = std::nullopt);

}  // namespace signet::cosign
