#include "cosign/AttachmentCleaner.h"

#include <set>

#include "cosign/AttachmentTag.h"
#include "cosign/AttachmentTree.h"
#include "json/GoJson.h"
#include "oci/MediaTypes.h"
#include "oci/ReferrersTagIndex.h"

namespace signet::cosign {
namespace {

std::vector<AttachmentKind> kindsOf(CleanType type) {
    switch (type) {
        case CleanType::Signature:
            return {AttachmentKind::Signature};
        case CleanType::Attestation:
            return {AttachmentKind::Attestation};
        case CleanType::Sbom:
            return {AttachmentKind::Sbom};
        case CleanType::Referrer:
            return {};
        case CleanType::All:
            return {AttachmentKind::Signature, AttachmentKind::Attestation, AttachmentKind::Sbom};
    }
    return {};
}

// Deletes one manifest, recording what happened under `location`.
bool remove(oci::RegistryClient& client, const oci::Repository& repo, const std::string& reference,
            const std::string& location, CleanReport& report) {
    try {
        if (!client.deleteManifest(repo, reference)) return false;
        report.removed.push_back(location);
        return true;
    } catch (const Error& e) {
        report.failed.push_back({location, e});
        return false;
    }
}

// The tag-schema index without the removed referrers; deleted when nothing is left in it.
void rewriteTagIndex(oci::RegistryClient& client, const oci::Repository& repo,
                     const std::string& digest, const std::string& indexBytes,
                     const std::set<std::string>& removed, CleanReport& report) {
    const std::string tag = digestTag(digest);
    const std::string location = attachmentLocation(repo, tag);
    oci::ReferrersTagIndex index;
    try {
        index = oci::ReferrersTagIndex::parse(indexBytes, location);
    } catch (const Error&) {
        return;  // not an index signet can edit: left as it is
    }
    if (index.remove(removed) == 0) return;
    if (index.empty()) {
        remove(client, repo, tag, location, report);
        return;
    }
    try {
        client.putManifest(repo, tag, oci::media_type::kOciIndex, index.bytes());
    } catch (const Error& e) {
        report.failed.push_back({location, e});
    }
}

void cleanReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                    const std::string& digest, CleanReport& report) {
    AttachmentTree tree;
    try {
        readReferrers(client, repo, digest, tree);
    } catch (const Error& e) {
        report.failed.push_back({"the referrers of " + repo.name() + "@" + digest, e});
        return;
    }
    std::set<std::string> removed;
    for (const auto& referrer : tree.referrers) {
        if (referrer.artifactType != kSigstoreBundleArtifactType) continue;
        if (remove(client, repo, referrer.digest, referrer.location, report))
            removed.insert(referrer.digest);
    }
    if (tree.referrersTagIndex)
        rewriteTagIndex(client, repo, digest, *tree.referrersTagIndex, removed, report);
}

bool hasBundleReferrers(oci::RegistryClient& client, const oci::Repository& repo,
                        const std::string& digest) {
    AttachmentTree tree;
    try {
        readReferrers(client, repo, digest, tree);
    } catch (const Error&) {
        return false;  // only a hint
    }
    for (const auto& referrer : tree.referrers) {
        if (referrer.artifactType == kSigstoreBundleArtifactType) return true;
    }
    return false;
}

}  // namespace

CleanReport cleanAttachments(oci::RegistryClient& client, const StoreSettings& settings,
                             const oci::Repository& repo, const std::string& digest,
                             CleanType type) {
    CleanReport report;
    const oci::Repository target = settings.attachmentsFor(repo);
    for (auto kind : kindsOf(type)) {
        const std::string tag = attachmentTag(digest, kind);
        remove(client, target, tag, attachmentLocation(target, tag), report);
    }
    if (type == CleanType::Referrer || type == CleanType::All) {
        cleanReferrers(client, repo, digest, report);
    } else if (type != CleanType::Sbom) {
        report.referrersLeft = hasBundleReferrers(client, repo, digest);
    }
    return report;
}

}  // namespace signet::cosign
