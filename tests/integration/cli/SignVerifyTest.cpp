// End to end through the real registry: `signet sign` then `signet verify`, as a user runs them.
#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include <nlohmann/json.hpp>
#include <thread>

#include "cosign/SignatureVerification.h"
#include "cosign/SimpleSigningPayload.h"
#include "crypto/Encoding.h"
#include "crypto/KeyLoader.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "oci/ImageManifest.h"

namespace signet::testing {
namespace {

class SignVerify : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "correct horse"}};
        auto keys = runSignet({"generate-key-pair", "--output-key-prefix", keyPrefix()}, env_);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
    }
    std::string keyPrefix() const { return home_.path() + "/cosign"; }
    std::string key() const { return keyPrefix() + ".key"; }
    std::string pub() const { return keyPrefix() + ".pub"; }

    CommandResult sign(std::vector<std::string> args) {
        args.insert(args.begin(), {"sign", "--key", key()});
        return runSignet(args, env_);
    }
    CommandResult verify(const std::string& ref, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"verify", "--key", pub()};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }
    std::string sigTag(const PushedImage& image) const {
        std::string hex = image.digest.substr(7);
        return image.repository.substr(registry_.host().size() + 1) + ":sha256-" + hex + ".sig";
    }
    oci::ImageManifest sigManifest(const PushedImage& image) {
        return oci::parseManifest(fetchRawManifest(registry_, sigTag(image)), "sig");
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
};

TEST_F(SignVerify, SignsTagAtDigestAndVerifiesLikeCosign) {
    auto image = pushSmallImage(registry_, "app", "1.0", "one");
    auto signed_ = sign({image.ref()});
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    std::string location = image.repository + ":sha256-" + image.digest.substr(7) + ".sig";
    EXPECT_EQ(signed_.out, image.ref() + " " + image.digest + " " + location + "\n");

    auto verified = verify(image.ref());
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_NE(
        verified.err.find("Verification for " + image.repository + "@" + image.digest + " --"),
        std::string::npos);
    EXPECT_NE(verified.err.find("The signatures were verified against the specified public key"),
              std::string::npos);
    ASSERT_EQ(verified.out.substr(0, 1), "\n");
    auto array = nlohmann::json::parse(verified.out);
    ASSERT_EQ(array.size(), 1u);
    EXPECT_EQ(array[0]["critical"]["identity"]["docker-reference"], image.repository + ":1.0");
    EXPECT_EQ(array[0]["critical"]["image"]["docker-manifest-digest"], image.digest);
    EXPECT_TRUE(array[0]["optional"].is_null());
}

TEST_F(SignVerify, StoredSignatureIsCosignShapedAndPassesContainersImageStrictly) {
    auto image = pushSmallImage(registry_, "shape", "v1", "shape");
    ASSERT_EQ(sign({image.ref()}).exitCode, 0);
    std::string raw = fetchRawManifest(registry_, sigTag(image));
    auto manifest = oci::parseManifest(raw, "sig");
    EXPECT_EQ(oci::marshalManifest(manifest), raw) << "manifest bytes are ggcr's canonical form";
    EXPECT_EQ(manifest.mediaType, "application/vnd.oci.image.manifest.v1+json");
    ASSERT_EQ(manifest.layers.size(), 1u);
    const auto& layer = manifest.layers[0];
    EXPECT_EQ(layer.mediaType, "application/vnd.dev.cosign.simplesigning.v1+json");
    ASSERT_EQ(layer.annotations.size(), 1u);
    // Rebuild the payload independently and check containers/image's policy would accept it
    // with its default signedIdentity (matchRepoDigestOrExact ⇒ exact tag for tagged claims).
    std::string payload = cosign::marshalPayload(image.repository + ":v1", image.digest, {});
    EXPECT_EQ(layer.digest, crypto::sha256Digest(payload));
    EXPECT_EQ(layer.size, static_cast<std::int64_t>(payload.size()));
    auto verifier = signet::testing::verifierFromEnvironment(pub(), Environment(),
                                                             signet::testing::testSecrets());
    cosign::VerificationPolicy policy;
    policy.keys = {verifier.get()};
    policy.strictPayload = true;
    policy.identity = cosign::IdentityMatch::Exact;
    policy.expectedIdentity = image.repository + ":v1";
    auto outcome = cosign::verifySignatures(
        image.digest, {{layer.mediaType, payload, layer.annotations}}, policy);
    EXPECT_EQ(outcome.accepted.size(), 1u);
}

TEST_F(SignVerify, ReSigningAddsNothingAndEachTagGetsItsOwnSignature) {
    auto image = pushSmallImage(registry_, "multi", "a", "multi");
    runCommand({"skopeo", "copy", "--insecure-policy", "--src-tls-verify=false",
                "--dest-tls-verify=false", "docker://" + image.repository + ":a",
                "docker://" + image.repository + ":b"});
    std::string refB = image.repository + ":b@" + image.digest;
    ASSERT_EQ(sign({image.ref(), refB}).exitCode, 0);
    std::string before = fetchRawManifest(registry_, sigTag(image));
    EXPECT_EQ(sigManifest(image).layers.size(), 2u);

    auto again = sign({image.ref(), refB});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("(already signed)"), std::string::npos);
    EXPECT_EQ(fetchRawManifest(registry_, sigTag(image)), before) << "re-run must not write";

    // cosign's default identity: one signature per repository and digest.
    ASSERT_EQ(sign({"--identity", "repo", image.ref(), refB}).exitCode, 0);
    EXPECT_EQ(sigManifest(image).layers.size(), 3u);
    auto verified = verify(image.ref());
    EXPECT_EQ(nlohmann::json::parse(verified.out).size(), 3u);
}

TEST_F(SignVerify, AnnotationsAreSignedAndChecked) {
    auto image = pushSmallImage(registry_, "annotated", "1", "annotated");
    ASSERT_EQ(sign({"-a", "build=42", "-a", "env=<prod>", image.ref()}).exitCode, 0);
    auto ok = verify(image.ref(), {"-a", "build=42"});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.err.find("The specified annotations were verified."), std::string::npos);
    auto array = nlohmann::json::parse(ok.out);
    EXPECT_EQ(array[0]["optional"]["env"], "<prod>");
    EXPECT_EQ(verify(image.ref(), {"-a", "build=43"}).exitCode, 12);
    EXPECT_EQ(sign({"-a", "a=b=c", image.ref()}).exitCode, 1);
    // cosign reads -a as CSV (pflag): "c=v1,v2" is two fields and "v2" is not key=value; an
    // unbalanced quote is refused; a quoted field keeps its comma.
    EXPECT_EQ(sign({"-a", "c=v1,v2", image.ref()}).exitCode, 1);
    EXPECT_EQ(sign({"-a", "x=\"y", image.ref()}).exitCode, 1);
    EXPECT_EQ(sign({"-a", "\"list=a,b\",n=1", image.ref()}).exitCode, 0);
    EXPECT_EQ(verify(image.ref(), {"-a", "list=a,b"}).exitCode, 1);
    EXPECT_EQ(verify(image.ref(), {"-a", "\"list=a,b\""}).exitCode, 0);
}

TEST_F(SignVerify, VerifyExitCodesFollowCosign) {
    auto image = pushSmallImage(registry_, "codes", "1", "codes");
    auto unsigned_ = verify(image.ref());
    EXPECT_EQ(unsigned_.exitCode, 10) << unsigned_.err;
    EXPECT_EQ(verify(image.repository + ":missing").exitCode, 11);
    ASSERT_EQ(sign({image.ref()}).exitCode, 0);
    TempDir other;
    auto otherEnv = env_;
    otherEnv["COSIGN_PASSWORD"] = "";
    ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", other.path() + "/k"}, otherEnv)
                  .exitCode,
              0);
    auto wrongKey = runSignet({"verify", "--key", other.path() + "/k.pub", image.ref()}, env_);
    EXPECT_EQ(wrongKey.exitCode, 12);
    EXPECT_NE(wrongKey.err.find("no matching signatures"), std::string::npos);
}

TEST_F(SignVerify, TagOnlyNeedsOptInAndMovedTagsAreRefused) {
    auto image = pushSmallImage(registry_, "tags", "latest", "first");
    auto refused = sign({image.repository + ":latest"});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("--allow-tag-only"), std::string::npos);
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;

    auto allowed = sign({"--allow-tag-only", image.repository + ":latest"});
    ASSERT_EQ(allowed.exitCode, 0) << allowed.err;
    EXPECT_NE(allowed.out.find(image.digest), std::string::npos);
    EXPECT_NE(allowed.err.find("resolved to " + image.digest), std::string::npos);

    auto moved = pushSmallImage(registry_, "tags", "latest", "second");
    auto stale = sign({image.repository + ":latest@" + image.digest});
    EXPECT_EQ(stale.exitCode, 2);
    EXPECT_NE(stale.err.find("now points at " + moved.digest), std::string::npos);
    EXPECT_EQ(sign({"--no-verify-tags", image.repository + ":latest@" + image.digest}).exitCode, 0);
}

TEST_F(SignVerify, ConcurrentSignersWithDifferentKeysLoseNoSignature) {
    auto image = pushSmallImage(registry_, "race", "1", "race");
    const int kSigners = 4;
    std::vector<TempDir> dirs(kSigners);
    for (auto& dir : dirs) {
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", dir.path() + "/k"}, env_)
                      .exitCode,
                  0);
    }
    std::vector<std::thread> threads;
    std::vector<CommandResult> results(kSigners);
    for (int i = 0; i < kSigners; ++i) {
        threads.emplace_back([&, i] {
            results[i] = runSignet({"sign", "--key", dirs[i].path() + "/k.key", image.ref()}, env_);
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& result : results) EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(sigManifest(image).layers.size(), static_cast<std::size_t>(kSigners));
    for (auto& dir : dirs) {
        EXPECT_EQ(runSignet({"verify", "--key", dir.path() + "/k.pub", image.ref()}, env_).exitCode,
                  0);
    }
}

TEST_F(SignVerify, CosignFixtureKeysSignAndWrongPasswordsAreRefused) {
    auto image = pushSmallImage(registry_, "fixturekeys", "1", "fixture");
    auto env = env_;
    env["COSIGN_PASSWORD"] = "hello";
    for (const char* name : {"pemsigstorekey.pem", "pemcosignkey.pem"}) {
        auto result = runSignet(
            {"sign", "--key", fixture(std::string("interop/cosign-keys/") + name), image.ref()},
            env);
        EXPECT_EQ(result.exitCode, 0) << name << ": " << result.err;
    }
    env["COSIGN_PASSWORD"] = "wrong";
    auto wrong = runSignet(
        {"sign", "--key", fixture("interop/cosign-keys/pemsigstorekey.pem"), image.ref()}, env);
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_NE(wrong.err.find("wrong password for key"), std::string::npos) << wrong.err;
    EXPECT_EQ(wrong.err.find("wrong\n"), std::string::npos) << "the password itself never shows";
    env["COSIGN_PASSWORD"] = "hello";
    auto sec1 = runSignet(
        {"sign", "--key", fixture("interop/cosign-keys/pemcosigneckey.pem"), image.ref()}, env);
    EXPECT_EQ(sec1.exitCode, 1);
    env.erase("COSIGN_PASSWORD");
    auto missing = runSignet({"sign", "--key", key(), image.ref()}, env);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("COSIGN_PASSWORD"), std::string::npos);
    EXPECT_NE(missing.err.find("SIGNET_PASSWORD_FILE"), std::string::npos);
}

TEST_F(SignVerify, TriangulateAndCosignRepositoryAgree) {
    auto image = pushSmallImage(registry_, "tri", "1", "tri");
    auto tri = runSignet({"triangulate", image.ref()}, env_);
    ASSERT_EQ(tri.exitCode, 0) << tri.err;
    EXPECT_EQ(tri.out, image.repository + ":sha256-" + image.digest.substr(7) + ".sig\n");
    EXPECT_EQ(runSignet({"triangulate", "--type", "attestation", image.ref()}, env_).out,
              image.repository + ":sha256-" + image.digest.substr(7) + ".att\n");
    EXPECT_EQ(runSignet({"triangulate", "--type", "digest", image.repository + ":1"}, env_).out,
              image.repository + "@" + image.digest + "\n");

    auto env = env_;
    env["COSIGN_REPOSITORY"] = registry_.host() + "/signatures";
    ASSERT_EQ(runSignet({"sign", "--key", key(), image.ref()}, env).exitCode, 0);
    EXPECT_EQ(runSignet({"triangulate", image.ref()}, env).out,
              registry_.host() + "/signatures:sha256-" + image.digest.substr(7) + ".sig\n");
    EXPECT_EQ(verify(image.ref()).exitCode, 10) << "nothing in the image's own repository";
    EXPECT_EQ(runSignet({"verify", "--key", pub(), image.ref()}, env).exitCode, 0);
}

TEST_F(SignVerify, DockerMediaTypesAreHonoured) {
    auto image = pushSmallImage(registry_, "dockertypes", "1", "docker");
    auto env = env_;
    env["COSIGN_DOCKER_MEDIA_TYPES"] = "1";
    ASSERT_EQ(runSignet({"sign", "--key", key(), image.ref()}, env).exitCode, 0);
    auto manifest = sigManifest(image);
    EXPECT_EQ(manifest.mediaType, "application/vnd.docker.distribution.manifest.v2+json");
    EXPECT_EQ(manifest.config.mediaType, "application/vnd.docker.container.image.v1+json");
    EXPECT_EQ(verify(image.ref()).exitCode, 0);
}

TEST_F(SignVerify, BadInputIsOneLineWithADocumentedCode) {
    struct Case {
        std::vector<std::string> args;
        int code;
        std::string needle;
    };
    std::vector<Case> cases = {
        {{"sign", "--key", key(), "UPPER/case@sha256:00"}, 1, "invalid reference"},
        {{"sign", "--key", key(), registry_.host() + "/x@sha256:ABC"}, 1, "invalid reference"},
        {{"sign", "--key", "/nonexistent/cosign.key",
          registry_.host() + "/x@sha256:" + std::string(64, 'a')},
         1,
         "/nonexistent/cosign.key"},
        {{"sign", "--bogus"}, 1, "unknown flag --bogus"},
        {{"sign", "--key", key(), registry_.host() + "/nothere:1@sha256:" + std::string(64, 'a')},
         2,
         "nothere"},
        // verify takes one or more references, as cosign verify does.
        {{"verify", "--key", pub()}, 1, "verify needs at least one image reference"},
        {{"frobnicate"}, 1, "unknown command"},
        {{"sing", "--key", key()}, 1, "unknown command 'sing' (did you mean sign?)"},
        {{"sbom", "-o", "spdx", registry_.host() + "/x@sha256:" + std::string(64, 'a')},
         1,
         "-o/--output names the file to write; for the format use --format"},
        {{"sign", "--kye", key()}, 1, "signet sign: unknown flag --kye (did you mean --key?)"},
        {{"run", "--imgae", "x"},
         1,
         "signet run: unknown flag --imgae (did you mean --image?) (see signet run --help)"},
    };
    for (const auto& c : cases) {
        auto result = runSignet(c.args, env_);
        EXPECT_EQ(result.exitCode, c.code) << commandLine(c.args) << "\n" << result.err;
        EXPECT_NE(result.err.find(c.needle), std::string::npos) << result.err;
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
        EXPECT_EQ(result.err.find("signet " + c.args[0] + ": signet"), std::string::npos)
            << "the command's name is said once: " << result.err;
    }
}

TEST_F(SignVerify, HelpForEveryCommandExitsZero) {
    for (const std::string command : {"sign", "verify", "attest", "verify-attestation", "sbom",
                                      "attach", "triangulate", "run", "generate-key-pair"}) {
        SCOPED_TRACE(command);
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {command, "--help"}, {command, "-h"}, {"help", command}}) {
            auto result = runSignet(args, env_);
            EXPECT_EQ(result.exitCode, 0) << commandLine(args) << "\n" << result.err;
            EXPECT_NE(result.out.find("usage: signet " + command), std::string::npos)
                << commandLine(args) << "\n"
                << result.out;
        }
    }
    auto unknown = runSignet({"help", "frobnicate"}, env_);
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace signet::testing
