#include "cosign/SigstoreBundle.h"

#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include "config/Environment.h"
#include "cosign/Dsse.h"
#include "crypto/Encoding.h"
#include "crypto/PublicKey.h"
#include "harness/Command.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"
#include "json/GoJson.h"

namespace signet::cosign {
namespace {

constexpr const char* kDigest =
    "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";

std::unique_ptr<crypto::Signer> fixtureSigner() {
    Environment env;
    env.set("COSIGN_PASSWORD", "hello");
    return testing::signerFromEnvironment(
        testing::fixture("interop/cosign-keys/pemsigstorekey.pem"), env, testing::testSecrets());
}

TEST(SigstoreBundle, HintIsTheBase64Sha256OfTheDerKeyAsOpensslComputesIt) {
    auto signer = fixtureSigner();
    auto verifier = signer->verifier();
    testing::TempDir dir;
    testing::writeFile(dir.path() + "/k.pub", verifier->publicKeyPem());
    // openssl, not signet, turns the PEM into DER and hashes it.
    const std::string der = testing::runCommand(
        {"openssl", "pkey", "-pubin", "-in", dir.path() + "/k.pub", "-outform", "DER"});
    EXPECT_EQ(publicKeyHint(*verifier), crypto::base64Encode(crypto::sha256(der)));
}

TEST(SigstoreBundle, ImageSignatureStatementIsCosignV3s) {
    EXPECT_EQ(
        imageSignatureStatement(kDigest, {}),
        std::string(R"({"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":)") +
            R"({"sha256":"6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"}}],)" +
            R"("predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}})");
    auto annotated = json::parse(imageSignatureStatement(kDigest, {{"b", "2"}, {"a", "1"}}), "s");
    EXPECT_EQ(annotated["subject"][0]["annotations"], (nlohmann::json{{"a", "1"}, {"b", "2"}}));
}

TEST(SigstoreBundle, BundleCarriesTheHintAndAnEnvelopeThatVerifies) {
    auto signer = fixtureSigner();
    const std::string statement = imageSignatureStatement(kDigest, {});
    const std::string text = signBundle(*signer, statement);
    EXPECT_EQ(text.find(R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",)"
                        R"("verificationMaterial":{"publicKey":{"hint":")"),
              0u)
        << text;
    auto bundle = json::parse(text, "bundle");
    EXPECT_EQ(bundle["verificationMaterial"]["publicKey"]["hint"],
              publicKeyHint(*signer->verifier()));
    EXPECT_FALSE(bundle["verificationMaterial"].contains("tlogEntries")) << "empty lists omitted";
    EXPECT_FALSE(bundle["dsseEnvelope"]["signatures"][0].contains("keyid"))
        << "empty keyid omitted";
    auto envelope = parseEnvelope(bundle["dsseEnvelope"].dump());
    EXPECT_EQ(envelope.payload, statement);
    EXPECT_TRUE(verifyEnvelope(envelope, *signer->verifier()));
}

TEST(SigstoreBundle, SigstoreJsVerifiesTheBundleAndRefusesAnotherKeyOrDigest) {
    // The independent verifier: @sigstore/verify (sigstore-js), through tests/harness.
    auto signer = fixtureSigner();
    testing::TempDir dir;
    testing::writeFile(dir.path() + "/bundle.json",
                       signBundle(*signer, imageSignatureStatement(kDigest, {})));
    testing::writeFile(dir.path() + "/k.pub", signer->verifier()->publicKeyPem());
    auto verify = [&](const std::string& key, const std::string& digest) {
        return testing::runCommandForResult(
            {"node", testing::sourceDir() + "/tests/harness/sigstore-verify.mjs",
             dir.path() + "/bundle.json", key, digest});
    };
    auto good = verify(dir.path() + "/k.pub", kDigest);
    EXPECT_EQ(good.exitCode, 0) << good.err;
    EXPECT_EQ(good.out, "verified\n");
    std::string other = kDigest;
    other.back() = other.back() == '0' ? '1' : '0';
    EXPECT_EQ(verify(dir.path() + "/k.pub", other).exitCode, 1) << "the subject is checked";
    testing::runCommand({"openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                         dir.path() + "/other.key"});
    testing::runCommand({"openssl", "ec", "-in", dir.path() + "/other.key", "-pubout", "-out",
                         dir.path() + "/other.pub"});
    EXPECT_EQ(verify(dir.path() + "/other.pub", kDigest).exitCode, 1) << "another key fails";
}

TEST(SigstoreBundle, ReferrerManifestIsCosignsLayout) {
    oci::Descriptor subject;
    subject.mediaType = "application/vnd.oci.image.manifest.v1+json";
    subject.digest = kDigest;
    subject.size = 525;
    const std::string bundle = R"({"mediaType":"x"})";
    EXPECT_EQ(
        bundleReferrerManifest(bundle, subject, kCosignSignPredicateType, "2026-12-03T10:00:00Z"),
        std::string(
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)") +
            R"("config":{"mediaType":"application/vnd.oci.empty.v1+json","size":2,)" +
            R"("digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",)" +
            R"("artifactType":"application/vnd.dev.sigstore.bundle.v0.3+json"},)" +
            R"("layers":[{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","size":17,)" +
            R"("digest":")" + crypto::sha256Digest(bundle) + R"("}],)" +
            R"("annotations":{"dev.sigstore.bundle.content":"dsse-envelope",)" +
            R"("dev.sigstore.bundle.predicateType":"https://sigstore.dev/cosign/sign/v1",)" +
            R"("org.opencontainers.image.created":"2026-12-03T10:00:00Z"},)" +
            R"("subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":525,)" +
            R"("digest":")" + kDigest + R"("},)" +
            R"("artifactType":"application/vnd.dev.sigstore.bundle.v0.3+json"})");
}

}  // namespace
}  // namespace signet::cosign
