// The transparency-log checks against real cosign output: containers/image's fixture
// dir-img-cosign-key-rekor-valid is a cosign signature (key cosign2.pub) whose layer carries
// the dev.sigstore.cosign/bundle annotation cosign wrote from a real Rekor, whose key is
// rekor.pub; rekor-set is the SET of another entry (containers/image's internal testdata).
#include <gtest/gtest.h>

#include "cosign/SignatureVerification.h"
#include "cosign/WitnessVerification.h"
#include "crypto/Encoding.h"
#include "harness/ContainersSignature.h"
#include "harness/KeysFromEnvironment.h"
#include "harness/Paths.h"
#include "harness/TestSecrets.h"
#include "sigstore/LogEntryVerification.h"
#include "sigstore/TrustedRoot.h"

namespace signet::cosign {
namespace {

std::string dir(const std::string& name) {
    return testing::fixture("interop/containers-image/" + name);
}

class RekorInterop : public ::testing::Test {
  protected:
    void SetUp() override {
        signature_ = testing::readContainersSignature(dir("dir-img-cosign-key-rekor-valid") +
                                                      "/signature-1");
        root_.tlogs = {sigstore::logKeyFromPem(testing::readFile(dir("rekor.pub")), "rekor.pub")};
        key_ = testing::verifierFromEnvironment(dir("cosign2.pub"), Environment(),
                                                testing::testSecrets());
    }
    sigstore::SignedMaterial material(const std::string& payload) const {
        return {
            sigstore::EntryKind::HashedRekord,
            *crypto::base64Decode(signature_.annotations.at("dev.cosignproject.cosign/signature")),
            key_->publicKeyPem(), crypto::sha256(payload), ""};
    }
    std::string problem(const std::map<std::string, std::string>& annotations,
                        const std::string& payload) const {
        WitnessPolicy policy;
        policy.root = &root_;
        policy.requireTlog = true;
        return witnessProblem(legacyWitnesses(annotations), material(payload), policy);
    }
    testing::ContainersSignature signature_;
    sigstore::TrustedRoot root_;
    std::unique_ptr<crypto::Verifier> key_;
};

TEST_F(RekorInterop, CosignsRekorBundleFromTheRealLogVerifies) {
    EXPECT_EQ(problem(signature_.annotations, signature_.payload), "");
    auto entry = legacyWitnesses(signature_.annotations).entry;
    ASSERT_TRUE(entry);
    EXPECT_FALSE(entry->signedEntryTimestamp.empty());
    EXPECT_GT(entry->integratedTime, 1600000000);
}

TEST_F(RekorInterop, TheWholeLayerPassesVerifySignaturesWithARoot) {
    VerificationPolicy policy;
    policy.keys = {key_.get()};
    policy.witnesses.root = &root_;
    policy.witnesses.requireTlog = true;
    const std::string digest = crypto::sha256Digest(
        testing::readFile(dir("dir-img-cosign-key-rekor-valid") + "/manifest.json"));
    auto outcome = verifySignatures(
        digest, {{signature_.mimeType, signature_.payload, signature_.annotations}}, policy);
    EXPECT_EQ(outcome.accepted.size(), 1u)
        << (outcome.rejections.empty() ? "" : outcome.rejections[0]);
}

TEST_F(RekorInterop, ASetCopiedFromAnotherEntryIsRejected) {
    auto annotations = signature_.annotations;
    annotations["dev.sigstore.cosign/bundle"] = testing::readFile(dir("rekor-set"));
    // That SET is genuine (rekor.pub signed it) but records another signature.
    auto other = legacyWitnesses(annotations).entry;
    ASSERT_TRUE(other);
    EXPECT_NE(problem(annotations, signature_.payload).find("transparency-log entry"),
              std::string::npos);
}

TEST_F(RekorInterop, AnotherPayloadKeyOrLogKeyIsRejected) {
    EXPECT_NE(problem(signature_.annotations, signature_.payload + " "), "");
    auto otherKey =
        testing::verifierFromEnvironment(dir("cosign.pub"), Environment(), testing::testSecrets());
    auto withOtherKey = material(signature_.payload);
    withOtherKey.publicKeyPem = otherKey->publicKeyPem();
    EXPECT_NE(
        sigstore::bodyMismatch(legacyWitnesses(signature_.annotations).entry->body, withOtherKey),
        "");
    sigstore::TrustedRoot wrongLog;
    wrongLog.tlogs = {sigstore::logKeyFromPem(testing::readFile(dir("cosign.pub")), "cosign.pub")};
    EXPECT_NE(sigstore::logEntryProblem(*legacyWitnesses(signature_.annotations).entry, wrongLog,
                                        material(signature_.payload)),
              "");
}

TEST_F(RekorInterop, ATamperedEntryIsRejected) {
    auto entry = *legacyWitnesses(signature_.annotations).entry;
    auto tampered = entry;
    tampered.integratedTime += 1;
    EXPECT_NE(sigstore::logEntryProblem(tampered, root_, material(signature_.payload)), "");
    tampered = entry;
    tampered.signedEntryTimestamp[10] ^= 1;
    EXPECT_NE(sigstore::logEntryProblem(tampered, root_, material(signature_.payload)), "");
    tampered = entry;
    tampered.signedEntryTimestamp.clear();
    EXPECT_NE(
        sigstore::logEntryProblem(tampered, root_, material(signature_.payload)).find("inclusion"),
        std::string::npos)
        << "neither a SET nor an inclusion proof";
}

TEST_F(RekorInterop, MalformedAnnotationsAreOneLineVerifyErrors) {
    auto annotations = signature_.annotations;
    for (const char* text :
         {"", "{", "[]", "{\"Payload\":{}}", "{\"SignedEntryTimestamp\":\"!\"}"}) {
        annotations["dev.sigstore.cosign/bundle"] = text;
        try {
            legacyWitnesses(annotations);
            ADD_FAILURE() << "accepted " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Verify);
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace signet::cosign
