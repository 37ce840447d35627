// The verification core against containers/image's own cosign fixtures: each dir-img-cosign-*
// directory is accepted or rejected as containers/image's policy tests expect
// (signature/policy_eval_sigstore_test.go). The image digest is the sha256 of manifest.json.
#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include <filesystem>

#include "config/Environment.h"
#include "cosign/SignatureVerification.h"
#include "crypto/Encoding.h"
#include "crypto/KeyLoader.h"
#include "harness/ContainersSignature.h"
#include "harness/Paths.h"

namespace signet::cosign {
namespace {

std::string dir(const std::string& name) {
    return testing::fixture("interop/containers-image/" + name);
}

std::vector<SignatureCandidate> candidatesIn(const std::string& name) {
    std::vector<SignatureCandidate> out;
    for (int i = 1;; ++i) {
        std::string path = dir(name) + "/signature-" + std::to_string(i);
        if (!std::filesystem::exists(path)) break;
        auto sig = testing::readContainersSignature(path);
        out.push_back({sig.mimeType, sig.payload, sig.annotations});
    }
    return out;
}

std::string imageDigest(const std::string& name) {
    return crypto::sha256Digest(testing::readFile(dir(name) + "/manifest.json"));
}

class ContainersImageInterop : public ::testing::Test {
  protected:
    VerificationOutcome verify(const std::string& name, const std::string& key,
                               IdentityMatch identity, const std::string& expected) {
        auto verifier = signet::testing::verifierFromEnvironment(dir(key), Environment(),
                                                                 signet::testing::testSecrets());
        VerificationPolicy policy;
        policy.keys = {verifier.get()};
        policy.strictPayload = true;
        policy.identity = identity;
        policy.expectedIdentity = expected;
        return verifySignatures(imageDigest(name), candidatesIn(name), policy);
    }
    const std::string sample = "192.168.64.2:5000/cosign-signed-single-sample";
};

TEST_F(ContainersImageInterop, CosignMadeSignaturesAreAcceptedWithMatchRepository) {
    EXPECT_EQ(verify("dir-img-cosign-valid", "cosign.pub", IdentityMatch::Repository, sample)
                  .accepted.size(),
              1u);
    EXPECT_EQ(verify("dir-img-cosign-valid-2", "cosign.pub", IdentityMatch::Repository, sample)
                  .accepted.size(),
              2u);
    auto mixed = verify("dir-img-cosign-mixed", "cosign.pub", IdentityMatch::Repository, sample);
    EXPECT_EQ(mixed.accepted.size(), 1u) << "one invalid, one valid: one is enough";
    EXPECT_EQ(mixed.rejections.size(), 1u);
}

TEST_F(ContainersImageInterop, RekorBundleSignatureVerifiesWithItsOwnKeyOnly) {
    const std::string ref = "192.168.64.2:5000/cosign-signed/key-1";
    EXPECT_EQ(
        verify("dir-img-cosign-key-rekor-valid", "cosign2.pub", IdentityMatch::Repository, ref)
            .accepted.size(),
        1u);
    EXPECT_TRUE(
        verify("dir-img-cosign-key-rekor-valid", "cosign.pub", IdentityMatch::Repository, ref)
            .accepted.empty());
}

TEST_F(ContainersImageInterop, TamperedOrMismatchedImagesAreRejected) {
    for (const char* name :
         {"dir-img-cosign-modified-manifest", "dir-img-cosign-manifest-digest-error"}) {
        auto outcome = verify(name, "cosign.pub", IdentityMatch::Repository, sample);
        EXPECT_TRUE(outcome.accepted.empty()) << name;
        ASSERT_EQ(outcome.rejections.size(), 1u) << name;
        EXPECT_NE(outcome.rejections[0].find("is not the image digest"), std::string::npos);
    }
}

TEST_F(ContainersImageInterop, UnknownKeyAndNonSignatureAttachmentsAreRejected) {
    auto sig = testing::readContainersSignature(dir("unknown-cosign-key.signature"));
    auto verifier = signet::testing::verifierFromEnvironment(dir("cosign.pub"), Environment(),
                                                             signet::testing::testSecrets());
    VerificationPolicy policy;
    policy.keys = {verifier.get()};
    policy.strictPayload = true;
    auto digest = parsePayload(sig.payload).manifestDigest;
    auto outcome = verifySignatures(digest, {{sig.mimeType, sig.payload, sig.annotations}}, policy);
    EXPECT_TRUE(outcome.accepted.empty());

    auto other = verify("dir-img-cosign-other-attachment", "cosign.pub", IdentityMatch::Ignore, "");
    EXPECT_TRUE(other.accepted.empty());
}

TEST_F(ContainersImageInterop, IdentityPoliciesBehaveLikeContainersImage) {
    // A non-matching repository is rejected even though the signature is valid.
    EXPECT_TRUE(verify("dir-img-cosign-valid-2", "cosign.pub", IdentityMatch::Repository,
                       "this/does-not:match")
                    .accepted.empty());
    // matchExact: the skopeo-made signature carries a tag and matches only that tag...
    EXPECT_EQ(verify("dir-img-cosign-valid-with-tag", "cosign.pub", IdentityMatch::Exact,
                     "192.168.64.2:5000/skopeo-signed:tag")
                  .accepted.size(),
              1u);
    EXPECT_TRUE(verify("dir-img-cosign-valid-with-tag", "cosign.pub", IdentityMatch::Exact,
                       "192.168.64.2:5000/skopeo-signed:othertag")
                    .accepted.empty());
    // ...and a cosign-made (name-only) signature never satisfies matchExact.
    EXPECT_TRUE(verify("dir-img-cosign-valid", "cosign.pub", IdentityMatch::Exact, sample)
                    .accepted.empty());
}

TEST_F(ContainersImageInterop, KeylessFixturesDoNotVerifyWithAPublicKey) {
    // signet verifies with keys only; Fulcio/PKI-signed fixtures have no key to match.
    for (const char* name : {"dir-img-cosign-fulcio-rekor-valid", "dir-img-cosign-pki-valid"}) {
        EXPECT_TRUE(verify(name, "cosign.pub", IdentityMatch::Ignore, "").accepted.empty()) << name;
    }
}

}  // namespace
}  // namespace signet::cosign
