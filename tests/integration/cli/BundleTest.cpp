// Sigstore bundles end to end through the real registry (docker-registry 2.8: no referrers API,
// so the referrers tag-schema index): `signet sign --signature-format bundle`, `signet run` with
// SIGNET_SIGNATURE_FORMAT=bundle, and `signet verify` reading bundles as cosign v3 does; the
// independent verifier is @sigstore/verify (sigstore-js).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cosign/SigstoreBundle.h"
#include "crypto/Encoding.h"
#include "harness/Command.h"
#include "harness/DirectClient.h"
#include "harness/DockerConfigFile.h"
#include "harness/OpenSslKeyPair.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestRegistry.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"

namespace signet::testing {
namespace {

using Json = nlohmann::json;

class Bundles : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "bundle"}};
        for (const char* name : {"a", "b"}) {
            auto keys = runSignet({"generate-key-pair", "--output-key-prefix", prefix(name)}, env_);
            ASSERT_EQ(keys.exitCode, 0) << keys.err;
        }
        client_ = directClient(registry_);
    }
    std::string prefix(const std::string& name) const { return home_.path() + "/" + name; }
    // A fresh image app:TAG; returns "host/bundles/app:TAG@sha256:…" and sets digest_.
    std::string push(const std::string& tag) {
        digest_ = pushTinyImage(*client_, repo_, tag, "bundle test " + tag);
        return repo_.name() + ":" + tag + "@" + digest_;
    }
    CommandResult sign(const std::string& key, std::vector<std::string> args) {
        args.insert(args.begin(), {"sign", "--key", prefix(key) + ".key"});
        return runSignet(args, env_);
    }
    CommandResult signBundle(const std::string& key, std::vector<std::string> args) {
        args.insert(args.begin(), {"--signature-format", "bundle"});
        return sign(key, args);
    }
    CommandResult verify(const std::string& key, const std::string& ref,
                         std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"verify", "--key", prefix(key) + ".pub"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }
    Json tagIndex() {
        auto index = client_->getManifest(repo_, "sha256-" + digest_.substr(7));
        return index ? Json::parse(index->body) : Json();
    }
    std::vector<std::string> bundles() { return bundlesInTagIndex(*client_, repo_, digest_); }
    // Points the tag index of digest_ at exactly these referrer manifests (pushed by digest).
    void replaceReferrers(const std::vector<std::string>& manifests) {
        Json entries = Json::array();
        for (const auto& manifest : manifests) {
            std::string digest = crypto::sha256Digest(manifest);
            client_->putManifest(repo_, digest, oci::media_type::kOciManifest, manifest);
            entries.push_back({{"mediaType", oci::media_type::kOciManifest},
                               {"digest", digest},
                               {"size", manifest.size()},
                               {"artifactType", cosign::kBundleMediaType}});
        }
        Json index = {{"schemaVersion", 2},
                      {"mediaType", oci::media_type::kOciIndex},
                      {"manifests", entries}};
        client_->putManifest(repo_, "sha256-" + digest_.substr(7), oci::media_type::kOciIndex,
                             index.dump());
    }
    // The one referrer manifest of digest_, as pushed.
    std::string referrerManifest() {
        auto index = tagIndex();
        return client_->getManifest(repo_, index["manifests"][0]["digest"].get<std::string>())
            ->body;
    }
    // A referrer manifest for digest_ holding `bundle`, its blob pushed.
    std::string referrerWith(const std::string& bundle) {
        client_->putBlob(repo_, crypto::sha256Digest(bundle), bundle);
        client_->putBlob(repo_, crypto::sha256Digest("{}"), "{}");
        oci::Descriptor subject;
        subject.mediaType = oci::media_type::kOciManifest;
        subject.digest = digest_;
        subject.size = client_->headManifest(repo_, digest_)->size;
        return cosign::bundleReferrerManifest(bundle, subject, cosign::kCosignSignPredicateType,
                                              "2026-12-03T00:00:00Z");
    }
    CommandResult sigstoreJsVerify(const std::string& bundle, const std::string& key,
                                   const std::string& digest) {
        writeFile(home_.path() + "/bundle.json", bundle);
        return runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-verify.mjs",
                                    home_.path() + "/bundle.json", prefix(key) + ".pub", digest});
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    oci::Repository repo_{registry_.host(), "bundles/app"};
    std::string digest_;
};

TEST_F(Bundles, SignWritesCosignV3sReferrerThatSigstoreJsAndSignetVerify) {
    const std::string ref = push("1.0");
    auto signed_ = signBundle("a", {ref});
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;

    auto index = tagIndex();
    ASSERT_TRUE(index.is_object()) << "no referrers tag index at sha256-<hex>";
    EXPECT_EQ(index["mediaType"], oci::media_type::kOciIndex);
    ASSERT_EQ(index["manifests"].size(), 1u) << index.dump();
    const Json& entry = index["manifests"][0];
    EXPECT_EQ(entry["mediaType"], oci::media_type::kOciManifest);
    EXPECT_EQ(entry["artifactType"], cosign::kBundleMediaType);
    EXPECT_EQ(entry["annotations"]["dev.sigstore.bundle.predicateType"],
              cosign::kCosignSignPredicateType);
    const std::string referrer = entry["digest"];
    EXPECT_EQ(signed_.out, ref + " " + digest_ + " " + repo_.name() + "@" + referrer + "\n");

    auto manifest = Json::parse(referrerManifest());
    EXPECT_EQ(manifest["artifactType"], cosign::kBundleMediaType);
    EXPECT_EQ(manifest["subject"]["digest"], digest_);
    EXPECT_EQ(manifest["subject"]["mediaType"], oci::media_type::kOciManifest);
    EXPECT_EQ(manifest["subject"]["size"], client_->headManifest(repo_, digest_)->size);
    EXPECT_EQ(manifest["annotations"]["dev.sigstore.bundle.content"], "dsse-envelope");
    EXPECT_EQ(entry["size"], referrerManifest().size());
    EXPECT_FALSE(client_->getManifest(repo_, "sha256-" + digest_.substr(7) + ".sig"))
        << "a bundle signature writes nothing to the .sig tag";

    auto stored = bundles();
    ASSERT_EQ(stored.size(), 1u);
    auto js = sigstoreJsVerify(stored[0], "a", digest_);
    EXPECT_EQ(js.exitCode, 0) << js.err;
    EXPECT_EQ(js.out, "verified\n");
    EXPECT_EQ(sigstoreJsVerify(stored[0], "b", digest_).exitCode, 1) << "another key";

    auto verified = verify("a", ref);
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_NE(verified.err.find("Verification for " + repo_.name()), std::string::npos)
        << verified.err;
    // cosign v3's output for a bundle: the statement recast as a simple-signing payload.
    auto printed = Json::parse(verified.out);
    ASSERT_EQ(printed.size(), 1u);
    EXPECT_EQ(printed[0]["critical"]["type"], cosign::kCosignSignPredicateType);
    EXPECT_EQ(printed[0]["critical"]["image"]["docker-manifest-digest"], digest_);
    EXPECT_EQ(printed[0]["optional"], Json::object());
    EXPECT_EQ(verify("b", ref).exitCode, 12) << "another key";
}

TEST_F(Bundles, SigningAgainOrAnotherTagOfTheDigestFindsTheBundleThere) {
    const std::string ref = push("2.0");
    ASSERT_EQ(signBundle("a", {ref}).exitCode, 0);
    client_->putManifest(repo_, "2.0-alias", oci::media_type::kOciManifest,
                         client_->getManifest(repo_, digest_)->body);
    auto again = signBundle("a", {ref, repo_.name() + ":2.0-alias@" + digest_});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("(already signed)\n"), std::string::npos) << again.out;
    EXPECT_EQ(tagIndex()["manifests"].size(), 1u) << "one bundle per digest and key";
    ASSERT_EQ(signBundle("b", {ref}).exitCode, 0);
    EXPECT_EQ(tagIndex()["manifests"].size(), 2u) << "another key's bundle joins it";
}

TEST_F(Bundles, AnnotationsAreTheSubjectsAndVerifyChecksThem) {
    const std::string ref = push("3.0");
    ASSERT_EQ(signBundle("a", {"-a", "team=blue", ref}).exitCode, 0);
    auto statement = Json::parse(cosign::bundleEnvelope(bundles().at(0), "bundle"));
    auto payload = Json::parse(*crypto::base64Decode(statement["payload"].get<std::string>()));
    EXPECT_EQ(payload["subject"][0]["annotations"]["team"], "blue");
    auto verified = verify("a", ref, {"-a", "team=blue"});
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_EQ(Json::parse(verified.out)[0]["optional"]["team"], "blue");
    auto wrong = verify("a", ref, {"-a", "team=red"});
    EXPECT_EQ(wrong.exitCode, 12);
    EXPECT_NE(wrong.err.find("annotations do not match"), std::string::npos) << wrong.err;
    EXPECT_EQ(verify("a", ref, {"-a", "owner=x"}).exitCode, 12) << "a missing annotation";
}

TEST_F(Bundles, OnceBundlesExistVerifyReadsOnlyThemAndSigningSaysSo) {
    const std::string ref = push("4.0");
    ASSERT_EQ(sign("a", {ref}).exitCode, 0);  // legacy .sig, key a
    ASSERT_EQ(verify("a", ref).exitCode, 0);
    auto bundleMode = verify("a", ref, {"--new-bundle-format=true"});
    EXPECT_EQ(bundleMode.exitCode, 10) << "a .sig-only digest has no bundle to verify";
    EXPECT_NE(bundleMode.err.find("no Sigstore bundles found"), std::string::npos)
        << bundleMode.err;
    EXPECT_EQ(bundleMode.out, "");
    EXPECT_EQ(verify("a", ref, {"--new-bundle-format=false"}).exitCode, 0);
    auto bundled = signBundle("b", {ref});
    ASSERT_EQ(bundled.exitCode, 0) << bundled.err;
    EXPECT_NE(bundled.err.find("also has signatures in its .sig tag"), std::string::npos)
        << bundled.err;
    auto legacyOnly = verify("a", ref);
    EXPECT_EQ(legacyOnly.exitCode, 12) << "cosign v3 never falls back to .sig once bundles exist";
    EXPECT_NE(legacyOnly.err.find("Sigstore bundle"), std::string::npos) << legacyOnly.err;
    EXPECT_EQ(verify("b", ref).exitCode, 0);
    auto legacyAgain = sign("b", {ref});
    ASSERT_EQ(legacyAgain.exitCode, 0) << legacyAgain.err;
    EXPECT_NE(legacyAgain.err.find("also has Sigstore bundle signatures"), std::string::npos)
        << legacyAgain.err;
}

TEST_F(Bundles, ATamperedPayloadOrAnotherImagesBundleDoesNotVerify) {
    const std::string other = push("5.0-other");
    ASSERT_EQ(signBundle("a", {other}).exitCode, 0);
    const std::string otherBundle = bundles().at(0);
    const std::string ref = push("5.0");
    ASSERT_EQ(signBundle("a", {ref}).exitCode, 0);
    const std::string genuine = bundles().at(0);

    // Another image's bundle, correctly signed by the same key, made a referrer of this one.
    replaceReferrers({referrerWith(otherBundle)});
    auto foreign = verify("a", ref);
    EXPECT_EQ(foreign.exitCode, 12);
    EXPECT_NE(foreign.err.find("no statement subject names " + digest_), std::string::npos)
        << foreign.err;
    EXPECT_EQ(sigstoreJsVerify(otherBundle, "a", digest_).exitCode, 1);

    // This image's bundle with its statement changed (a predicate added) and the signature kept.
    Json bundle = Json::parse(genuine);
    Json statement =
        Json::parse(*crypto::base64Decode(bundle["dsseEnvelope"]["payload"].get<std::string>()));
    statement["predicate"] = {{"evil", true}};
    bundle["dsseEnvelope"]["payload"] = crypto::base64Encode(statement.dump());
    replaceReferrers({referrerWith(bundle.dump())});
    auto tampered = verify("a", ref);
    EXPECT_EQ(tampered.exitCode, 12);
    EXPECT_NE(tampered.err.find("does not verify"), std::string::npos) << tampered.err;
    EXPECT_EQ(sigstoreJsVerify(bundle.dump(), "a", digest_).exitCode, 1);

    // And the genuine one still passes next to them.
    replaceReferrers({referrerWith(bundle.dump()), referrerWith(genuine)});
    EXPECT_EQ(verify("a", ref).exitCode, 0);
}

TEST_F(Bundles, ATagIndexSlotHoldingSomethingElseIsNotOverwritten) {
    const std::string ref = push("6.0");
    const std::string foreign = pushTinyImage(*client_, repo_, "sha256-" + digest_.substr(7), "x");
    auto signed_ = signBundle("a", {ref});
    EXPECT_EQ(signed_.exitCode, 2) << signed_.err;
    EXPECT_NE(signed_.err.find("not an OCI referrers index"), std::string::npos) << signed_.err;
    EXPECT_EQ(client_->headManifest(repo_, "sha256-" + digest_.substr(7))->digest, foreign);
}

TEST_F(Bundles, AttestWritesABundleThatVerifyAttestationReadsByPredicateType) {
    const std::string ref = push("8.0");
    writeFile(home_.path() + "/sbom.json", R"({"spdxVersion":"SPDX-2.3","name":"x"})");
    auto attested =
        runSignet({"attest", "--signature-format", "bundle", "--key", prefix("a") + ".key",
                   "--type", "spdxjson", "--predicate", home_.path() + "/sbom.json", ref},
                  env_);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;
    auto index = tagIndex();
    ASSERT_EQ(index["manifests"].size(), 1u) << index.dump();
    EXPECT_EQ(index["manifests"][0]["annotations"]["dev.sigstore.bundle.predicateType"],
              "https://spdx.dev/Document");
    EXPECT_NE(
        attested.out.find(repo_.name() + "@" + index["manifests"][0]["digest"].get<std::string>()),
        std::string::npos)
        << attested.out;
    EXPECT_FALSE(client_->getManifest(repo_, "sha256-" + digest_.substr(7) + ".att"));
    auto js = sigstoreJsVerify(bundles().at(0), "a", digest_);
    EXPECT_EQ(js.exitCode, 0) << js.err;

    auto verifyAttestation = [&](const std::string& type) {
        return runSignet({"verify-attestation", "--key", prefix("a") + ".pub", "--type", type, ref},
                         env_);
    };
    auto verified = verifyAttestation("spdxjson");
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    auto envelope = Json::parse(verified.out);
    EXPECT_EQ(envelope["payloadType"], "application/vnd.in-toto+json");
    auto statement = Json::parse(*crypto::base64Decode(envelope["payload"].get<std::string>()));
    EXPECT_EQ(statement["predicate"]["name"], "x");
    auto other = verifyAttestation("cyclonedx");
    EXPECT_EQ(other.exitCode, 12);
    EXPECT_NE(other.err.find("found: [https://spdx.dev/Document]"), std::string::npos) << other.err;
}

TEST_F(Bundles, BundleModeVerifyAttestationDoesNotReadTheAttTag) {
    const std::string ref = push("8.1");
    writeFile(home_.path() + "/sbom.json", R"({"spdxVersion":"SPDX-2.3","name":"x"})");
    auto attested = runSignet({"attest", "--key", prefix("a") + ".key", "--type", "spdxjson",
                               "--predicate", home_.path() + "/sbom.json", ref},
                              env_);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;  // legacy .att
    auto verifyAttestation = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"verify-attestation", "--key", prefix("a") + ".pub",
                                      "--type", "spdxjson"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(ref);
        return runSignet(args, env_);
    };
    EXPECT_EQ(verifyAttestation({}).exitCode, 0);
    auto bundleMode = verifyAttestation({"--new-bundle-format"});
    EXPECT_EQ(bundleMode.exitCode, 10) << bundleMode.err;
    EXPECT_NE(bundleMode.err.find("does not read the .att tag"), std::string::npos)
        << bundleMode.err;
}

TEST_F(Bundles, RunSignsAsBundlesAndReportsTheReferrer) {
    const std::string ref = push("7.0");
    auto env = env_;
    env.insert({{"SIGNET_KEY", prefix("a") + ".key"},
                {"SIGNET_IMAGES", ref},
                {"SIGNET_SIGNATURE_FORMAT", "referrers"},  // the alias the wrappers offered
                {"SIGNET_REPORT", home_.path() + "/report.json"}});
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    auto report = Json::parse(readFile(home_.path() + "/report.json"));
    EXPECT_EQ(report["signatureFormat"], "bundle");
    ASSERT_EQ(report["signed"].size(), 1u) << report.dump();
    const std::string referrer = tagIndex()["manifests"][0]["digest"];
    EXPECT_EQ(report["signed"][0]["location"], repo_.name() + "@" + referrer);
    EXPECT_EQ(verify("a", ref).exitCode, 0);
}

// sigstore-js as the other signer (tests/harness/sigstore-js-sign.mjs: @sigstore/sign's DSSE
// bundle builder, attached by @sigstore/oci, which signs in to the registry with basic auth).
class SigstoreJsBundles : public ::testing::Test {
  protected:
    void SetUp() override {
        writeDockerConfig(registry_, home_.path() + "/.docker");
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "bundle"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/s"}, env_)
                      .exitCode,
                  0);
        writeOpenSslKeyPair(home_.path() + "/js");
        client_ = directClient(registry_);
        digest_ = pushTinyImage(*client_, repo_, "1.0", "signed by sigstore-js");
    }
    CommandResult jsSign(std::vector<std::string> pairs = {}) {
        // The credentials go in the environment, not on a command line anyone can list.
        std::vector<std::string> argv{"node", sourceDir() + "/tests/harness/sigstore-js-sign.mjs",
                                      repo_.name(), digest_, home_.path() + "/js.key"};
        argv.insert(argv.end(), pairs.begin(), pairs.end());
        CommandOptions options;
        options.extraEnv = {{"REGISTRY_USERNAME", registry_.username()},
                            {"REGISTRY_PASSWORD", registry_.password()}};
        return runCommandForResult(argv, options);
    }
    CommandResult verify(const std::string& pub, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"verify", "--key", pub};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(repo_.name() + ":1.0@" + digest_);
        return runSignet(args, env_);
    }

    TestRegistry registry_{{RegistryAuth::Htpasswd, false}};
    TempDir home_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    oci::Repository repo_{registry_.host(), "js/app"};
    std::string digest_;
};

TEST_F(SigstoreJsBundles, SignetVerifiesWhatSigstoreJsSignedAndAttached) {
    auto signed_ = jsSign({"team=blue"});
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    auto verified = verify(home_.path() + "/js.pub", {"-a", "team=blue"});
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    auto printed = Json::parse(verified.out);
    ASSERT_EQ(printed.size(), 1u);
    EXPECT_EQ(printed[0]["critical"]["image"]["docker-manifest-digest"], digest_);
    EXPECT_EQ(printed[0]["optional"]["team"], "blue");
    EXPECT_EQ(verify(home_.path() + "/js.pub", {"-a", "team=red"}).exitCode, 12);
    EXPECT_EQ(verify(home_.path() + "/s.pub").exitCode, 12) << "signet's own key signed nothing";
}

TEST_F(SigstoreJsBundles, BothWritersShareTheTagIndexWithoutLosingAnEntry) {
    ASSERT_EQ(jsSign().exitCode, 0);
    auto ours = runSignet({"sign", "--signature-format", "bundle", "--key", home_.path() + "/s.key",
                           repo_.name() + ":1.0@" + digest_},
                          env_);
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    auto again = jsSign();  // sigstore-js reads signet's index and adds to it
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(bundlesInTagIndex(*client_, repo_, digest_).size(), 3u);
    EXPECT_EQ(verify(home_.path() + "/s.pub").exitCode, 0);
    auto js = verify(home_.path() + "/js.pub");
    ASSERT_EQ(js.exitCode, 0) << js.err;
    EXPECT_EQ(Json::parse(js.out).size(), 2u) << "both of sigstore-js's bundles verify";
}

}  // namespace
}  // namespace signet::testing
