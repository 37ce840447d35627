// sign-blob and verify-blob with a key: a signature signet makes verifies with
// `openssl dgst -sha256 -verify`, one openssl makes verifies with signet, and so does the one
// cosign made over a containers/image fixture's payload.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Command.h"
#include "harness/Paths.h"
#include "harness/RequiredProgram.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

class Blob : public ::testing::Test {
  protected:
    void SetUp() override {
        requireProgram("openssl");
        env_ = {{"HOME", dir_.path()}, {"COSIGN_PASSWORD", "blob-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", path("k")}, env_).exitCode,
                  0);
        std::string bytes;
        for (int i = 0; i < 70000; ++i) bytes += static_cast<char>((i * 131) % 256);
        writeFile(path("blob"), bytes);
    }
    std::string path(const std::string& name) const { return dir_.path() + "/" + name; }
    bool opensslVerifies(const std::string& pub, const std::string& signatureB64,
                         const std::string& file) {
        writeFile(path("sig.der"), *crypto::base64Decode(signatureB64));
        return runCommandForResult({"openssl", "dgst", "-sha256", "-verify", pub, "-signature",
                                    path("sig.der"), file})
                   .exitCode == 0;
    }

    TempDir dir_;
    std::map<std::string, std::string> env_;
};

TEST_F(Blob, ASignatureSignetMakesVerifiesWithOpensslAndSignet) {
    auto signedBlob = runSignet({"sign-blob", "--key", path("k.key"), path("blob")}, env_);
    ASSERT_EQ(signedBlob.exitCode, 0) << signedBlob.err;
    ASSERT_EQ(signedBlob.out.back(), '\n');
    const std::string signature = signedBlob.out.substr(0, signedBlob.out.size() - 1);
    ASSERT_TRUE(crypto::base64Decode(signature)) << "stdout is the base64 signature alone";
    EXPECT_TRUE(opensslVerifies(path("k.pub"), signature, path("blob")));

    auto verified = runSignet(
        {"verify-blob", "--key", path("k.pub"), "--signature", signature, path("blob")}, env_);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_EQ(verified.out, "");
    EXPECT_NE(verified.err.find("Verified OK"), std::string::npos) << verified.err;

    writeFile(path("other"), "not the blob");
    EXPECT_FALSE(opensslVerifies(path("k.pub"), signature, path("other")));
    auto wrong = runSignet(
        {"verify-blob", "--key", path("k.pub"), "--signature", signature, path("other")}, env_);
    EXPECT_EQ(wrong.exitCode, 12) << wrong.err;
    EXPECT_EQ(wrong.err.find("Verified OK"), std::string::npos);
}

TEST_F(Blob, ASignatureOpensslMakesVerifiesWithSignet) {
    runCommand(
        {"openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path("ec.pem")});
    runCommand({"openssl", "ec", "-in", path("ec.pem"), "-pubout", "-out", path("ec.pub")});
    runCommand({"openssl", "dgst", "-sha256", "-sign", path("ec.pem"), "-out", path("blob.sig"),
                path("blob")});
    writeFile(path("blob.sig.b64"), crypto::base64Encode(readFile(path("blob.sig"))) + "\n");
    auto verified = runSignet(
        {"verify-blob", "--key", path("ec.pub"), "--signature", path("blob.sig.b64"), path("blob")},
        env_);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    // signet's own key did not make it.
    EXPECT_EQ(runSignet({"verify-blob", "--key", path("k.pub"), "--signature", path("blob.sig.b64"),
                         path("blob")},
                        env_)
                  .exitCode,
              12);
}

TEST_F(Blob, ACosignSignatureOverAPayloadVerifies) {
    // containers/image's fixture: cosign signed this simple-signing payload with cosign.pub's key.
    std::string raw =
        readFile(fixture("interop/containers-image/dir-img-cosign-valid/signature-1"));
    auto json = nlohmann::json::parse(raw.substr(raw.find('\n') + 1));
    writeFile(path("payload"), *crypto::base64Decode(json["payload"].get<std::string>()));
    const std::string signature = json["annotations"]["dev.cosignproject.cosign/signature"];
    const std::string pub = fixture("interop/containers-image/cosign.pub");
    EXPECT_EQ(
        runSignet({"verify-blob", "--key", pub, "--signature", signature, path("payload")}, env_)
            .exitCode,
        0);
    EXPECT_EQ(runSignet({"verify-blob", "--key", fixture("interop/containers-image/cosign2.pub"),
                         "--signature", signature, path("payload")},
                        env_)
                  .exitCode,
              12);
}

TEST_F(Blob, OutputSignatureFileAndStandardInput) {
    auto toFile = runSignet({"sign-blob", "--key", path("k.key"), "--output-signature",
                             path("blob.sig"), "-y", "--tlog-upload=false", path("blob")},
                            env_);
    ASSERT_EQ(toFile.exitCode, 0) << toFile.err;
    EXPECT_EQ(toFile.out, "");
    EXPECT_EQ(toFile.err, "Wrote signature to file " + path("blob.sig") + "\n");  // cosign v3
    const std::string written = readFile(path("blob.sig"));
    EXPECT_EQ(written.find('\n'), std::string::npos) << "the file has no newline, as cosign's";
    EXPECT_TRUE(opensslVerifies(path("k.pub"), written, path("blob")));

    // --output is cosign's deprecated spelling of --output-signature.
    auto deprecated = runSignet(
        {"sign-blob", "--key", path("k.key"), "--output", path("blob2.sig"), path("blob")}, env_);
    ASSERT_EQ(deprecated.exitCode, 0) << deprecated.err;
    EXPECT_NE(deprecated.err.find("WARNING: the '--output' flag is deprecated"), std::string::npos);
    EXPECT_TRUE(opensslVerifies(path("k.pub"), readFile(path("blob2.sig")), path("blob")));

    CommandOptions fromStdin;
    fromStdin.stdinData = readFile(path("blob"));
    fromStdin.extraEnv = env_;
    auto verified = runCommandForResult({signetBinary(), "verify-blob", "--key", path("k.pub"),
                                         "--signature", path("blob.sig"), "-"},
                                        fromStdin);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
}

// --b64=false: the DER bytes, which openssl reads as they are and verify-blob takes from a file.
TEST_F(Blob, DerSignaturesWithB64False) {
    auto signedBlob = runSignet(
        {"sign-blob", "--key", path("k.key"), "--b64=false", "--new-bundle-format=false",
         "--use-signing-config=false", "--output-signature", path("blob.der"), path("blob")},
        env_);
    ASSERT_EQ(signedBlob.exitCode, 0) << signedBlob.err;
    const std::string der = readFile(path("blob.der"));
    ASSERT_FALSE(der.empty());
    EXPECT_EQ(der[0], '\x30') << "an ASN.1 SEQUENCE";
    EXPECT_EQ(runCommandForResult({"openssl", "dgst", "-sha256", "-verify", path("k.pub"),
                                   "-signature", path("blob.der"), path("blob")})
                  .exitCode,
              0);
    EXPECT_EQ(runSignet({"verify-blob", "--key", path("k.pub"), "--signature", path("blob.der"),
                         path("blob")},
                        env_)
                  .exitCode,
              0);
    auto toStdout =
        runSignet({"sign-blob", "--key", path("k.key"), "--b64=false", path("blob")}, env_);
    ASSERT_EQ(toStdout.exitCode, 0);
    ASSERT_GE(toStdout.out.size(), 2u);
    EXPECT_EQ(toStdout.out[0], '\x30');
    EXPECT_EQ(toStdout.out.size(), static_cast<unsigned char>(toStdout.out[1]) + 2u)
        << "the DER bytes alone, no newline added";
}

TEST_F(Blob, BadInputIsAOneLineUsageError) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"verify-blob", "--key", path("k.pub"), "--signature", "not base64!", path("blob")},
         "neither a file nor base64"},
        {{"verify-blob", "--key", path("k.pub"), path("blob")}, "--signature is required"},
        {{"sign-blob", "--key", path("k.key"), path("missing")}, "missing"},
        {{"sign-blob", "--key", path("k.key"), "--bundle", "b.json", path("blob")},
         "--bundle (a cosign flag) is not supported"},
        {{"sign-blob", "--key", path("k.key"), "--tlog-upload=true", path("blob")}, "Rekor"},
        {{"sign-blob", "--key", path("k.key"), "--new-bundle-format", path("blob")},
         "--new-bundle-format=false"},
    };
    for (const auto& [args, needle] : cases) {
        auto result = runSignet(args, env_);
        EXPECT_EQ(result.exitCode, 1) << commandLine(args) << "\n" << result.err;
        EXPECT_NE(result.err.find(needle), std::string::npos) << result.err;
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    }
}

}  // namespace
}  // namespace signet::testing
