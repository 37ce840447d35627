// SignatureStore's read-merge-write loop against the in-memory registry: what it asks, what it
// keeps, and what it puts back after a slow PUT replaced another writer's manifest.
#include "cosign/SignatureStore.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/MemoryRegistry.h"
#include "oci/ImageManifest.h"
#include "oci/ReferrersTagIndex.h"

namespace signet::cosign {
namespace {

const oci::Repository kRepo{"registry.test", "team/app"};
const std::string kTag = "sha256-" + std::string(64, 'a') + ".sig";

AttachmentLayer signatureLayer(const std::string& who) {
    return {"application/vnd.dev.cosign.simplesigning.v1+json",
            "{\"payload\":\"" + who + "\"}",
            {{"dev.cosignproject.cosign/signature", "sig-of-" + who}}};
}

std::vector<std::string> payloadsAt(testing::MemoryRegistry& registry) {
    std::vector<std::string> payloads;
    auto manifest = registry.getManifest(kRepo, kTag);
    if (!manifest) return payloads;
    for (const auto& layer : oci::parseManifest(manifest->body, kTag).layers) {
        payloads.push_back(registry.getBlob(kRepo, layer.digest, 1 << 20));
    }
    return payloads;
}

TEST(SignatureStore, AFreshTagCostsOneReadTwoUploadsAndOnePut) {
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    AppendResult result = store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    EXPECT_EQ(result.writes, 1);
    EXPECT_FALSE(result.alreadyPresent);
    EXPECT_EQ(registry.calls("GET manifest"), 1);  // the 404 of the absent tag
    EXPECT_EQ(registry.calls("HEAD blob"), 0);     // new tag, new blobs: no asking first
    EXPECT_EQ(registry.calls("PUT blob"), 2);
    EXPECT_EQ(registry.calls("PUT manifest"), 1);
    EXPECT_EQ(result.manifestDigest, registry.headManifest(kRepo, kTag)->digest);
    EXPECT_EQ(payloadsAt(registry), std::vector<std::string>{signatureLayer("alice").payload});
}

TEST(SignatureStore, TheSameLayerTwiceIsWrittenOnce) {
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    int puts = registry.calls("PUT manifest");
    AppendResult again = store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    EXPECT_TRUE(again.alreadyPresent);
    EXPECT_EQ(again.writes, 0);
    EXPECT_EQ(registry.calls("PUT manifest"), puts);
}

TEST(SignatureStore, AppendKeepsWhatIsThere) {
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    store.append(kRepo, kTag, signatureLayer("bob"), nullptr);
    EXPECT_EQ(payloadsAt(registry), (std::vector<std::string>{signatureLayer("alice").payload,
                                                              signatureLayer("bob").payload}));
}

TEST(SignatureStore, ASlowPutPutsBackTheManifestItReplaced) {
    testing::MemoryRegistry registry;
    StoreSettings settings;
    settings.watchEvery = std::chrono::milliseconds(20);
    SignatureStore store(registry, settings);
    // While alice's manifest PUT is on its way, bob writes his own image (from the same empty
    // base) at the tag; her PUT then lands on top of it, as a slow PUT does on a real registry.
    std::atomic<bool> first{true};
    registry.setBeforeEach([&](const std::string& kind, const std::string&) {
        if (kind != "PUT manifest" || !first.exchange(false)) return;
        AttachmentImage bobs = AttachmentImage::empty(false);
        bobs.append(signatureLayer("bob"));
        registry.pushBlob(kRepo, crypto::sha256Digest(signatureLayer("bob").payload),
                          signatureLayer("bob").payload);
        registry.pushBlob(kRepo, crypto::sha256Digest(bobs.configBytes()), bobs.configBytes());
        registry.putImage(kRepo, kTag, bobs.manifestBytes());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
    AppendResult result = store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    EXPECT_EQ(result.writes, 2) << "the replaced manifest was not merged back";
    EXPECT_GE(result.roundTrip, std::chrono::milliseconds(300));
    auto payloads = payloadsAt(registry);
    EXPECT_EQ(payloads.size(), 2u);
    EXPECT_NE(std::find(payloads.begin(), payloads.end(), signatureLayer("bob").payload),
              payloads.end());
    EXPECT_NE(std::find(payloads.begin(), payloads.end(), signatureLayer("alice").payload),
              payloads.end());
}

TEST(SignatureStore, HoldsLooksByTheWrittenDigestFirst) {
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    AppendResult result = store.append(kRepo, kTag, signatureLayer("alice"), nullptr);
    int gets = registry.calls("GET manifest");
    EXPECT_TRUE(store.holds(kRepo, kTag, signatureLayer("alice"), result.manifestDigest));
    EXPECT_EQ(registry.calls("GET manifest"), gets);  // one HEAD was enough
    EXPECT_FALSE(store.holds(kRepo, kTag, signatureLayer("bob"), "sha256:" + std::string(64, 'b')));
}

// ---------------------------------------------------------------- the referrers tag index

const std::string kSubject = "sha256:" + std::string(64, 'a');
const std::string kIndexTag = "sha256-" + std::string(64, 'a');

oci::Descriptor referrer(char fill) {
    oci::Descriptor d;
    d.mediaType = "application/vnd.oci.image.manifest.v1+json";
    d.digest = "sha256:" + std::string(64, fill);
    d.size = 600;
    d.artifactType = "application/vnd.dev.sigstore.bundle.v0.3+json";
    d.annotations = {{"dev.sigstore.bundle.predicateType", "https://sigstore.dev/cosign/sign/v1"}};
    return d;
}

std::vector<std::string> listed(testing::MemoryRegistry& registry) {
    std::vector<std::string> digests;
    auto index = registry.getManifest(kRepo, kIndexTag);
    if (!index) return digests;
    for (const auto& entry : oci::ReferrersTagIndex::parse(index->body, "index").entries())
        digests.push_back(entry.digest);
    return digests;
}

TEST(SignatureStoreReferrers, AddsToTheIndexSortedByDigestKeepingOthersEntriesAsTheyAre) {
    testing::MemoryRegistry registry;
    const std::string theirs =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",)"
        R"("manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:)" +
        std::string(64, 'c') +
        R"(","size":7,"artifactType":"application/example","x-extra":true}]})";
    registry.putImage(kRepo, kIndexTag, theirs, "application/vnd.oci.image.index.v1+json");
    SignatureStore store(registry);
    AppendResult result = store.addReferrer(kRepo, kSubject, referrer('b'));
    EXPECT_EQ(result.writes, 1);
    EXPECT_EQ(listed(registry),
              (std::vector<std::string>{referrer('b').digest, "sha256:" + std::string(64, 'c')}));
    const std::string body = registry.getManifest(kRepo, kIndexTag)->body;
    EXPECT_NE(body.find(R"("x-extra":true)"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("dev.sigstore.bundle.predicateType")"), std::string::npos) << body;
    EXPECT_TRUE(store.addReferrer(kRepo, kSubject, referrer('b')).alreadyPresent);
    EXPECT_TRUE(store.holdsReferrer(kRepo, kSubject, referrer('b').digest, result.manifestDigest));
    EXPECT_FALSE(store.holdsReferrer(kRepo, kSubject, referrer('d').digest, "sha256:x"));
}

TEST(SignatureStoreReferrers, AnIfMatchRefusalRereadsAndKeepsTheOtherWritersEntry) {
    // MemoryRegistry honours If-Match as a registry with ETags does: bob's index lands between
    // alice's read and her PUT, which is refused (412); her next round adds to bob's index.
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    std::atomic<bool> first{true};
    registry.setBeforeEach([&](const std::string& kind, const std::string&) {
        if (kind != "PUT manifest" || !first.exchange(false)) return;
        oci::ReferrersTagIndex bobs;
        bobs.add(referrer('e'));
        registry.putImage(kRepo, kIndexTag, bobs.bytes(),
                          "application/vnd.oci.image.index.v1+json");
    });
    oci::ReferrersTagIndex start;
    start.add(referrer('f'));
    registry.putImage(kRepo, kIndexTag, start.bytes(), "application/vnd.oci.image.index.v1+json");
    AppendResult result = store.addReferrer(kRepo, kSubject, referrer('b'));
    EXPECT_EQ(result.writes, 2) << "the refused PUT and the one after the re-read";
    EXPECT_EQ(listed(registry),
              (std::vector<std::string>{referrer('b').digest, referrer('e').digest}));
}

TEST(SignatureStoreReferrers, ATagHoldingAnotherManifestIsRefusedAndTheSubjectItselfReplaced) {
    testing::MemoryRegistry registry;
    SignatureStore store(registry);
    const std::string image =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})";
    registry.putImage(kRepo, kIndexTag, image);
    try {
        store.addReferrer(kRepo, kSubject, referrer('b'));
        ADD_FAILURE() << "another manifest at the tag was replaced";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Registry);
        EXPECT_NE(std::string(e.what()).find("not an OCI referrers index"), std::string::npos);
    }
    EXPECT_EQ(registry.getManifest(kRepo, kIndexTag)->body, image);
    // cosign copy tags a copied image with its own digest: then the tag may become the index.
    const std::string subject = crypto::sha256Digest(image);
    const std::string copyTag = "sha256-" + subject.substr(7);
    registry.putImage(kRepo, copyTag, image);
    store.addReferrer(kRepo, subject, referrer('b'));
    EXPECT_EQ(registry.getManifest(kRepo, copyTag)->mediaType,
              "application/vnd.oci.image.index.v1+json");
}

}  // namespace
}  // namespace signet::cosign
