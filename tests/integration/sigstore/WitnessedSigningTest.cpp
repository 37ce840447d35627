// Signatures logged in Rekor and stamped by an RFC 3161 authority, end to end through the real
// registry. The Rekor and TSA here are stand-ins (SigstoreStandIns.h: @sigstore/mock's log and
// TSA behind a small Node server on 127.0.0.1): no real Rekor or TSA can run on this machine.
// The independent verifier of what signet writes is @sigstore/verify; the other signer is
// @sigstore/sign with its Rekor and TSA witnesses.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cosign/AttachmentTag.h"
#include "cosign/SigstoreBundle.h"
#include "crypto/Encoding.h"
#include "harness/Command.h"
#include "harness/DirectClient.h"
#include "harness/DockerConfigFile.h"
#include "harness/OpenSslKeyPair.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/SigstoreStandIns.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "oci/MediaTypes.h"

namespace signet::testing {
namespace {

using Json = nlohmann::json;
constexpr const char* kRekorBundle = "dev.sigstore.cosign/bundle";
constexpr const char* kTimestamp = "dev.sigstore.cosign/rfc3161timestamp";

class WitnessedSigning : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "witnessed"}};
        for (const char* name : {"a", "b"}) {
            auto keys = runSignet({"generate-key-pair", "--output-key-prefix", prefix(name)}, env_);
            ASSERT_EQ(keys.exitCode, 0) << keys.err;
        }
        client_ = directClient(registry_);
    }
    std::string prefix(const std::string& name) const { return home_.path() + "/" + name; }
    std::string push(const std::string& tag) {
        digest_ = pushTinyImage(*client_, repo_, tag, "witnessed " + tag);
        return repo_.name() + ":" + tag + "@" + digest_;
    }
    std::vector<std::string> services() const {
        return {"--rekor-url", standIns_.url(), "--timestamp-server-url", standIns_.tsaUrl()};
    }
    CommandResult sign(const std::string& ref, std::vector<std::string> extra,
                       const std::string& key = "a") {
        std::vector<std::string> args{"sign", "--key", prefix(key) + ".key"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }
    CommandResult verify(const std::string& ref, std::vector<std::string> extra,
                         const std::string& key = "a") {
        std::vector<std::string> args{"verify", "--key", prefix(key) + ".pub"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }
    std::vector<std::string> rooted(std::vector<std::string> extra = {}) const {
        extra.insert(extra.begin(), {"--trusted-root", standIns_.trustedRoot()});
        return extra;
    }
    std::string sigTag(const std::string& digest) const {
        return cosign::attachmentTag(digest, cosign::AttachmentKind::Signature);
    }
    Json sigManifest(const std::string& digest) {
        auto manifest = client_->getManifest(repo_, sigTag(digest));
        return manifest ? Json::parse(manifest->body) : Json();
    }
    void putSigManifest(const std::string& digest, const Json& manifest) {
        client_->putManifest(repo_, sigTag(digest), manifest["mediaType"], manifest.dump());
    }
    // Makes `bundle` the one referrer digest_'s tag index lists.
    void onlyReferrer(const std::string& bundle) {
        client_->putBlob(repo_, crypto::sha256Digest(bundle), bundle);
        client_->putBlob(repo_, crypto::sha256Digest("{}"), "{}");
        oci::Descriptor subject;
        subject.mediaType = oci::media_type::kOciManifest;
        subject.digest = digest_;
        subject.size = client_->headManifest(repo_, digest_)->size;
        const std::string manifest = cosign::bundleReferrerManifest(
            bundle, subject, cosign::kCosignSignPredicateType, "2026-12-04T00:00:00Z");
        const std::string digest = crypto::sha256Digest(manifest);
        client_->putManifest(repo_, digest, oci::media_type::kOciManifest, manifest);
        Json index = {{"schemaVersion", 2},
                      {"mediaType", oci::media_type::kOciIndex},
                      {"manifests",
                       {{{"mediaType", oci::media_type::kOciManifest},
                         {"digest", digest},
                         {"size", manifest.size()},
                         {"artifactType", cosign::kBundleMediaType}}}}};
        client_->putManifest(repo_, "sha256-" + digest_.substr(7), oci::media_type::kOciIndex,
                             index.dump());
    }

    SigstoreStandIns standIns_;
    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    oci::Repository repo_{registry_.host(), "witnessed/app"};
    std::string digest_;
};

TEST_F(WitnessedSigning, LegacyLayerCarriesCosignsRekorBundleAndTimestampAndVerifies) {
    const std::string ref = push("1.0");
    auto signed_ = sign(ref, services());
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    EXPECT_NE(signed_.err.find("transparency-log index 0, timestamped"), std::string::npos)
        << signed_.err;

    auto manifest = sigManifest(digest_);
    ASSERT_EQ(manifest["layers"].size(), 1u);
    const Json& annotations = manifest["layers"][0]["annotations"];
    ASSERT_TRUE(annotations.contains(kRekorBundle)) << annotations.dump();
    auto rekor = Json::parse(annotations[kRekorBundle].get<std::string>());
    EXPECT_FALSE(rekor["SignedEntryTimestamp"].get<std::string>().empty());
    EXPECT_EQ(rekor["Payload"]["logIndex"], 0);
    auto body = Json::parse(*crypto::base64Decode(rekor["Payload"]["body"].get<std::string>()));
    EXPECT_EQ(body["kind"], "hashedrekord");
    EXPECT_EQ(body["apiVersion"], "0.0.1");
    auto stamp = Json::parse(annotations[kTimestamp].get<std::string>());
    EXPECT_FALSE(stamp["SignedRFC3161Timestamp"].get<std::string>().empty());

    auto verified = verify(ref, rooted({"--use-signed-timestamps"}));
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_NE(verified.err.find("Existence of the claims in the transparency log was verified "
                                "offline"),
              std::string::npos);
    EXPECT_EQ(verify(ref, rooted(), "b").exitCode, 12) << "another key";
    EXPECT_EQ(verify(ref, {}).exitCode, 0) << "no trusted root: the key alone, as before";
}

TEST_F(WitnessedSigning, WithoutTheSettingsNothingIsLoggedAndARootThenRequiresAnEntry) {
    const std::string ref = push("1.0");
    ASSERT_EQ(sign(ref, {}).exitCode, 0);
    auto annotations = sigManifest(digest_)["layers"][0]["annotations"];
    EXPECT_FALSE(annotations.contains(kRekorBundle)) << "nothing sent unless asked";
    EXPECT_FALSE(annotations.contains(kTimestamp));
    EXPECT_TRUE(readFile(standIns_.log()).find("POST") == std::string::npos);

    auto required = verify(ref, rooted());
    EXPECT_EQ(required.exitCode, 12);
    EXPECT_NE(required.err.find("no transparency-log entry"), std::string::npos) << required.err;
    EXPECT_EQ(verify(ref, rooted({"--insecure-ignore-tlog"})).exitCode, 0);
    auto stamped = verify(ref, rooted({"--insecure-ignore-tlog", "--use-signed-timestamps"}));
    EXPECT_EQ(stamped.exitCode, 12);
    EXPECT_NE(stamped.err.find("no RFC 3161 timestamp"), std::string::npos) << stamped.err;
}

TEST_F(WitnessedSigning, ASignedEntryTimestampCopiedFromAnotherEntryDoesNotPass) {
    // GHSA-ccxc-vr6p-4858: the SET is valid, but for another signature.
    const std::string first = push("1.0");
    const std::string firstDigest = digest_;
    ASSERT_EQ(sign(first, services()).exitCode, 0);
    const std::string second = push("2.0");
    ASSERT_EQ(sign(second, services()).exitCode, 0);
    ASSERT_EQ(verify(second, rooted()).exitCode, 0);

    Json victim = sigManifest(digest_);
    victim["layers"][0]["annotations"][kRekorBundle] =
        sigManifest(firstDigest)["layers"][0]["annotations"][kRekorBundle];
    putSigManifest(digest_, victim);
    auto copied = verify(second, rooted());
    EXPECT_EQ(copied.exitCode, 12);
    EXPECT_NE(copied.err.find("transparency-log entry"), std::string::npos) << copied.err;
    EXPECT_EQ(verify(second, {}).exitCode, 12)
        << "without a root the SET cannot be checked, but the entry is about another signature";
    EXPECT_EQ(verify(second, rooted({"--insecure-ignore-tlog"})).exitCode, 0);
}

TEST_F(WitnessedSigning, ATamperedSetOrAMissingAnnotationIsRejected) {
    const std::string ref = push("1.0");
    ASSERT_EQ(sign(ref, services()).exitCode, 0);
    const Json original = sigManifest(digest_);

    Json tampered = original;
    auto rekor = Json::parse(tampered["layers"][0]["annotations"][kRekorBundle].get<std::string>());
    rekor["Payload"]["integratedTime"] = rekor["Payload"]["integratedTime"].get<long>() + 1;
    tampered["layers"][0]["annotations"][kRekorBundle] = rekor.dump();
    putSigManifest(digest_, tampered);
    auto changed = verify(ref, rooted());
    EXPECT_EQ(changed.exitCode, 12);
    EXPECT_NE(changed.err.find("signed entry timestamp does not verify"), std::string::npos)
        << changed.err;

    Json stripped = original;
    stripped["layers"][0]["annotations"].erase(kTimestamp);
    putSigManifest(digest_, stripped);
    EXPECT_EQ(verify(ref, rooted()).exitCode, 0) << "a timestamp is not required by default";
    EXPECT_EQ(verify(ref, rooted({"--use-signed-timestamps"})).exitCode, 12);

    stripped["layers"][0]["annotations"].erase(kRekorBundle);
    putSigManifest(digest_, stripped);
    EXPECT_EQ(verify(ref, rooted()).exitCode, 12);

    Json otherStamp = original;
    otherStamp["layers"][0]["annotations"][kTimestamp] = "{\"SignedRFC3161Timestamp\":\"AAAA\"}";
    putSigManifest(digest_, otherStamp);
    EXPECT_EQ(verify(ref, rooted({"--use-signed-timestamps"})).exitCode, 12);
}

TEST_F(WitnessedSigning, BundleCarriesADsseEntryAndTimestampThatSigstoreJsVerifies) {
    const std::string ref = push("1.0");
    auto args = services();
    args.insert(args.end(), {"--signature-format", "bundle", "-a", "team=blue"});
    auto signed_ = sign(ref, args);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    auto stored = bundlesInTagIndex(*client_, repo_, digest_);
    ASSERT_EQ(stored.size(), 1u);
    auto bundle = Json::parse(stored[0]);
    const Json& material = bundle["verificationMaterial"];
    ASSERT_EQ(material["tlogEntries"].size(), 1u) << stored[0];
    EXPECT_EQ(material["tlogEntries"][0]["kindVersion"]["kind"], "dsse");
    EXPECT_TRUE(material["tlogEntries"][0]["logIndex"].is_string()) << "protobuf JSON int64";
    EXPECT_TRUE(material["tlogEntries"][0].contains("inclusionProof"));
    EXPECT_EQ(material["timestampVerificationData"]["rfc3161Timestamps"].size(), 1u);

    writeFile(home_.path() + "/bundle.json", stored[0]);
    auto js = runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-verify.mjs",
                                   home_.path() + "/bundle.json", prefix("a") + ".pub", digest_,
                                   standIns_.trustedRoot()});
    EXPECT_EQ(js.exitCode, 0) << js.err;
    auto other = runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-verify.mjs",
                                      home_.path() + "/bundle.json", prefix("b") + ".pub", digest_,
                                      standIns_.trustedRoot()});
    EXPECT_EQ(other.exitCode, 1) << "another key";

    auto verified = verify(ref, rooted({"--use-signed-timestamps", "-a", "team=blue"}));
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_EQ(verify(ref, rooted({"-a", "team=red"})).exitCode, 12);

    // The same signature asked again: found with its entry, nothing logged twice.
    auto again = sign(ref, args);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("(already signed)"), std::string::npos) << again.out;
    EXPECT_EQ(bundlesInTagIndex(*client_, repo_, digest_).size(), 1u);
}

TEST_F(WitnessedSigning, ABundleWhoseEntryIsForAnotherSignatureIsRejected) {
    const std::string first = push("1.0");
    auto args = services();
    args.insert(args.end(), {"--signature-format", "bundle"});
    ASSERT_EQ(sign(first, args).exitCode, 0);
    const auto firstBundle = Json::parse(bundlesInTagIndex(*client_, repo_, digest_).at(0));
    const std::string second = push("2.0");
    ASSERT_EQ(sign(second, args).exitCode, 0);
    const auto original = Json::parse(bundlesInTagIndex(*client_, repo_, digest_).at(0));
    auto bundle = original;
    bundle["verificationMaterial"]["tlogEntries"] =
        firstBundle["verificationMaterial"]["tlogEntries"];
    auto js = [&](const Json& b) {
        writeFile(home_.path() + "/swapped.json", b.dump());
        return runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-verify.mjs",
                                    home_.path() + "/swapped.json", prefix("a") + ".pub", digest_,
                                    standIns_.trustedRoot()});
    };
    EXPECT_EQ(js(bundle).exitCode, 1) << "sigstore-js refuses it";
    onlyReferrer(bundle.dump());
    auto swapped = verify(second, rooted());
    EXPECT_EQ(swapped.exitCode, 12) << "and so does signet";
    EXPECT_NE(swapped.err.find("transparency-log entry"), std::string::npos) << swapped.err;
    EXPECT_EQ(verify(second, rooted({"--insecure-ignore-tlog"})).exitCode, 0);

    auto stampSwapped = original;
    stampSwapped["verificationMaterial"] = firstBundle["verificationMaterial"];
    stampSwapped["verificationMaterial"]["tlogEntries"] =
        original["verificationMaterial"]["tlogEntries"];
    onlyReferrer(stampSwapped.dump());
    auto stamp = verify(second, rooted());
    EXPECT_EQ(stamp.exitCode, 12) << "a timestamp over another signature, checked when present";
    EXPECT_NE(stamp.err.find("RFC 3161 timestamp"), std::string::npos) << stamp.err;
}

TEST_F(WitnessedSigning, SigningConfigNamesTheServicesAndTlogUploadFalseWins) {
    const std::string ref = push("1.0");
    auto signed_ = sign(ref, {"--signing-config", standIns_.signingConfig()});
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    auto annotations = sigManifest(digest_)["layers"][0]["annotations"];
    EXPECT_TRUE(annotations.contains(kRekorBundle));
    EXPECT_TRUE(annotations.contains(kTimestamp));

    const std::string other = push("2.0");
    auto unlogged =
        sign(other, {"--signing-config", standIns_.signingConfig(), "--tlog-upload=false"});
    ASSERT_EQ(unlogged.exitCode, 0) << unlogged.err;
    annotations = sigManifest(digest_)["layers"][0]["annotations"];
    EXPECT_FALSE(annotations.contains(kRekorBundle));
    EXPECT_TRUE(annotations.contains(kTimestamp)) << "the timestamp authority still stamps";

    auto contradiction = sign(other, {"--rekor-url", standIns_.url(), "--tlog-upload=false"});
    EXPECT_EQ(contradiction.exitCode, 1) << contradiction.err;  // usage
    EXPECT_NE(contradiction.err.find("contradicts"), std::string::npos) << contradiction.err;
    auto noTuf = sign(other, {"--use-signing-config"});
    EXPECT_EQ(noTuf.exitCode, 1);
    EXPECT_NE(noTuf.err.find("--signing-config FILE"), std::string::npos) << noTuf.err;
}

TEST_F(WitnessedSigning, RunReportsLogIndexAndCountsServiceRetries) {
    SigstoreStandIns flaky(std::map<std::string, std::string>{{"STANDIN_FAIL", "2"}});
    const std::string ref = push("1.0");
    auto env = env_;
    env["SIGNET_KEY"] = prefix("a") + ".key";
    env["SIGNET_IMAGES"] = ref;
    env["SIGNET_REKOR_URL"] = flaky.url();
    env["SIGNET_TSA_URL"] = flaky.tsaUrl();
    env["SIGNET_TRUSTED_ROOT"] = flaky.trustedRoot();
    env["SIGNET_REPORT"] = home_.path() + "/report.json";
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    auto report = Json::parse(readFile(home_.path() + "/report.json"));
    ASSERT_EQ(report["signed"].size(), 1u);
    EXPECT_EQ(report["signed"][0]["logIndex"], 0);
    EXPECT_EQ(report["signed"][0]["timestamped"], true);
    EXPECT_GE(report["signed"][0]["attempts"], 3) << "the two 503s from Rekor count";
    EXPECT_NE(run.err.find("log-index=0"), std::string::npos) << run.err;

    // A log whose key is not the trusted root's: refused before anything is stored.
    const std::string other = push("2.0");
    env["SIGNET_IMAGES"] = other;
    env["SIGNET_TRUSTED_ROOT"] = standIns_.trustedRoot();
    auto mistrusted = runSignet({"run"}, env);
    EXPECT_NE(mistrusted.exitCode, 0);
    EXPECT_NE(mistrusted.err.find("trusted root does not accept"), std::string::npos)
        << mistrusted.err;
    EXPECT_TRUE(sigManifest(digest_).is_null()) << "no unverifiable signature stored";

    // A legacy .att attestation cannot be logged: refused at the door.
    env["SIGNET_TRUSTED_ROOT"] = flaky.trustedRoot();
    env["SIGNET_SBOM"] = "generate";
    auto refused = runSignet({"run"}, env);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(refused.err.find("legacy .att attestation"), std::string::npos) << refused.err;
}

TEST_F(WitnessedSigning, RunNamesEachBundleAndItsLogIndexInTheReportAndEveryOutput) {
    auto image = pushSmallImage(registry_, "witnessed/app", "1.0", "an SBOM needs a real layer");
    digest_ = image.digest;
    const std::string ref = image.ref();
    const std::string results = home_.path() + "/results";
    std::filesystem::create_directories(results);
    auto env = env_;
    env["SIGNET_KEY"] = prefix("a") + ".key";
    env["SIGNET_IMAGES"] = ref;
    env["SIGNET_SIGNATURE_FORMAT"] = "bundle";
    env["SIGNET_SBOM"] = "generate";
    env["SIGNET_REKOR_URL"] = standIns_.url();
    env["SIGNET_TRUSTED_ROOT"] = standIns_.trustedRoot();
    env["SIGNET_REPORT"] = home_.path() + "/report.json";
    env["SIGNET_RESULTS_DIR"] = results;
    env["GITHUB_OUTPUT"] = home_.path() + "/github_output";
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.err;

    auto report = Json::parse(readFile(home_.path() + "/report.json"));
    ASSERT_EQ(report["signed"].size(), 1u);
    ASSERT_EQ(report["sboms"].size(), 1u);
    const Json& signature = report["signed"][0];
    const Json& sbom = report["sboms"][0];
    ASSERT_TRUE(signature["logIndex"].is_number_integer()) << signature;
    ASSERT_TRUE(sbom["logIndex"].is_number_integer()) << sbom;
    EXPECT_NE(signature["logIndex"], sbom["logIndex"]) << "two bundles, two entries";
    // Each location is a referrer manifest of the image, by digest.
    for (const Json* entry : {&signature, &sbom}) {
        const std::string location = (*entry)["location"];
        const auto at = location.rfind('@');
        ASSERT_NE(at, std::string::npos) << location;
        EXPECT_EQ(location.substr(0, at), repo_.name());
        auto referrer = client_->getManifest(repo_, location.substr(at + 1));
        ASSERT_TRUE(referrer) << location;
        const auto manifest = Json::parse(referrer->body);
        EXPECT_EQ(manifest["subject"]["digest"], digest_);
        EXPECT_EQ(manifest["artifactType"], cosign::kBundleMediaType);
    }
    const std::vector<std::string> lines = {
        signature["location"].get<std::string>() + " " + signature["logIndex"].dump(),
        sbom["location"].get<std::string>() + " " + sbom["logIndex"].dump()};
    EXPECT_EQ(Json::parse(readFile(results + "/TLOG_ENTRIES")), Json(lines));
    const std::string outputs = readFile(home_.path() + "/github_output");
    const auto start = outputs.find("tlog-entries<<");
    ASSERT_NE(start, std::string::npos) << outputs;
    const auto body = outputs.find('\n', start) + 1;
    EXPECT_EQ(outputs.substr(body, lines[0].size() + 1 + lines[1].size() + 1),
              lines[0] + "\n" + lines[1] + "\n")
        << outputs;
    EXPECT_NE(run.err.find("log-index=" + signature["logIndex"].dump()), std::string::npos)
        << run.err;

    // Without a log, the outputs are there and empty.
    env.erase("SIGNET_REKOR_URL");
    env.erase("SIGNET_TRUSTED_ROOT");
    env["SIGNET_IMAGES"] = pushSmallImage(registry_, "witnessed/app", "2.0", "unlogged").ref();
    ASSERT_EQ(runSignet({"run"}, env).exitCode, 0);
    EXPECT_EQ(readFile(results + "/TLOG_ENTRIES"), "[]");
}

TEST_F(WitnessedSigning, BundleAttestationIsLoggedAndVerifyAttestationChecksIt) {
    const std::string ref = push("1.0");
    writeFile(home_.path() + "/predicate.json", R"({"builder":"ci"})");
    auto args = std::vector<std::string>{
        "attest", "--key", prefix("a") + ".key", "--predicate", home_.path() + "/predicate.json",
        "--type", "custom"};
    auto legacy = args;
    legacy.insert(legacy.end(), {"--rekor-url", standIns_.url(), ref});
    auto refused = runSignet(legacy, env_);
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("legacy .att attestation"), std::string::npos) << refused.err;
    ASSERT_EQ(runSignet({"attest", "--key", prefix("a") + ".key", "--predicate",
                         home_.path() + "/predicate.json", ref},
                        env_)
                  .exitCode,
              0);
    auto legacyOnly = runSignet({"verify-attestation", "--key", prefix("a") + ".pub",
                                 "--trusted-root", standIns_.trustedRoot(), ref},
                                env_);
    EXPECT_EQ(legacyOnly.exitCode, 12) << "an .att layer's log entry cannot be checked";
    EXPECT_NE(legacyOnly.err.find("--insecure-ignore-tlog"), std::string::npos) << legacyOnly.err;

    auto bundled = args;
    auto witnessed = services();
    bundled.insert(bundled.end(), witnessed.begin(), witnessed.end());
    bundled.insert(bundled.end(), {"--signature-format", "bundle", ref});
    auto attested = runSignet(bundled, env_);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;
    EXPECT_NE(attested.err.find("at index 0"), std::string::npos) << attested.err;
    auto verified =
        runSignet({"verify-attestation", "--key", prefix("a") + ".pub", "--trusted-root",
                   standIns_.trustedRoot(), "--use-signed-timestamps", ref},
                  env_);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    SigstoreStandIns otherLog;
    auto mistrusted = runSignet({"verify-attestation", "--key", prefix("a") + ".pub",
                                 "--trusted-root", otherLog.trustedRoot(), ref},
                                env_);
    EXPECT_NE(mistrusted.exitCode, 0);
    EXPECT_NE(mistrusted.err.find("transparency-log entry"), std::string::npos) << mistrusted.err;
}

// sigstore-js as the other signer, with its Rekor (dsse) and TSA witnesses at the stand-ins.
TEST_F(WitnessedSigning, SignetVerifiesWhatSigstoreJsSignedWithRekorAndTsa) {
    TestRegistry authRegistry{{RegistryAuth::Htpasswd, false}};
    writeDockerConfig(authRegistry, home_.path() + "/.docker");
    auto client = directClient(authRegistry);
    oci::Repository repo{authRegistry.host(), "js/app"};
    const std::string digest = pushTinyImage(*client, repo, "1.0", "signed by sigstore-js");
    writeOpenSslKeyPair(home_.path() + "/js");
    CommandOptions options;
    options.extraEnv = {{"REGISTRY_USERNAME", authRegistry.username()},
                        {"REGISTRY_PASSWORD", authRegistry.password()},
                        {"SIGSTORE_STANDINS", standIns_.url()}};
    auto js = runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-js-sign.mjs",
                                   repo.name(), digest, home_.path() + "/js.key"},
                                  options);
    ASSERT_EQ(js.exitCode, 0) << js.err;
    auto bundle = Json::parse(bundlesInTagIndex(*client, repo, digest).at(0));
    ASSERT_EQ(bundle["verificationMaterial"]["tlogEntries"].size(), 1u);

    auto env = env_;
    env["SIGNET_INSECURE_REGISTRIES"] = authRegistry.host();
    const std::string ref = repo.name() + ":1.0@" + digest;
    auto verified = runSignet({"verify", "--key", home_.path() + "/js.pub", "--trusted-root",
                               standIns_.trustedRoot(), "--use-signed-timestamps", ref},
                              env);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    SigstoreStandIns otherLog;
    auto mistrusted = runSignet({"verify", "--key", home_.path() + "/js.pub", "--trusted-root",
                                 otherLog.trustedRoot(), ref},
                                env);
    EXPECT_EQ(mistrusted.exitCode, 12) << "a log the root does not name";
    EXPECT_NE(mistrusted.err.find("transparency-log entry"), std::string::npos) << mistrusted.err;
}

}  // namespace
}  // namespace signet::testing
