// trusted_root.json and signing config v0.2: what is read from them, and one clear Config error
// for what is not one.
#include <gtest/gtest.h>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "sigstore/SigningConfig.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {
namespace {

std::string rekorKeyBase64() {
    const std::string pem =
        testing::readFile(testing::fixture("interop/containers-image/rekor.pub"));
    std::string body;
    for (std::size_t at = pem.find('\n') + 1; at < pem.size();) {
        const std::size_t end = pem.find('\n', at);
        const std::string line = pem.substr(at, end - at);
        if (line.rfind("-----", 0) == 0) break;
        body += line;
        at = end + 1;
    }
    return body;
}

std::string root(const std::string& start, const std::string& end = "") {
    return R"({"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"baseUrl":"https://rekor.example","hashAlgorithm":"SHA2_256","publicKey":{"rawBytes":")" +
           rekorKeyBase64() + R"(","keyDetails":"PKIX_ECDSA_P256_SHA_256","validFor":{"start":")" +
           start + "\"" + (end.empty() ? "" : ",\"end\":\"" + end + "\"") +
           R"(}},"logId":{"keyId":")" +
           crypto::base64Encode(crypto::sha256(*crypto::base64Decode(rekorKeyBase64()))) +
           R"("}}],"certificateAuthorities":[],"ctlogs":[],"timestampAuthorities":[]})";
}

TEST(SigstoreDocuments, TrustedRootNamesItsLogByTheKeysDigest) {
    const TrustedRoot parsed = parseTrustedRoot(root("2021-01-12T11:53:27Z"), "root.json");
    ASSERT_EQ(parsed.tlogs.size(), 1u);
    const auto der = crypto::base64Decode(rekorKeyBase64());
    EXPECT_EQ(parsed.tlogs[0].logId, crypto::sha256(*der));
    EXPECT_EQ(parsed.logById(crypto::sha256(*der)), &parsed.tlogs[0]);
    EXPECT_EQ(parsed.logById(std::string(32, 'x')), nullptr);
    EXPECT_TRUE(parsed.tlogs[0].validFor.contains(1700000000));
    EXPECT_FALSE(parsed.tlogs[0].validFor.contains(1600000000));
    const TrustedRoot ended =
        parseTrustedRoot(root("2021-01-12T11:53:27Z", "2022-01-01T00:00:00.5Z"), "root.json");
    EXPECT_FALSE(ended.tlogs[0].validFor.contains(1700000000));
}

TEST(SigstoreDocuments, WhatIsNotATrustedRootIsOneConfigError) {
    for (const std::string& text :
         {std::string(""), std::string("[]"), std::string("{\"tlogs\":7}"),
          std::string(R"({"tlogs":[{"publicKey":{"rawBytes":"!!"}}]})"), root("yesterday")}) {
        try {
            parseTrustedRoot(text, "root.json");
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << e.what();
            EXPECT_EQ(std::string(e.what()).rfind("root.json", 0), 0u) << e.what();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
}

constexpr std::time_t kNow = 1764800000;  // 2025-12-03

std::string signingConfig(const std::string& rekor) {
    return R"({"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"https://fulcio.example","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],"oidcUrls":[],"rekorTlogUrls":[)" +
           rekor +
           R"(],"tsaUrls":[{"url":"https://old-tsa.example/api/v1/timestamp","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z","end":"2021-01-01T00:00:00Z"}},{"url":"https://tsa.example/api/v1/timestamp","majorApiVersion":1,"validFor":{"start":"2021-01-01T00:00:00Z"}}],"rekorTlogConfig":{"selector":"ANY"},"tsaConfig":{"selector":"ANY"}})";
}

TEST(SigstoreDocuments, SigningConfigGivesTheServicesValidNowAndRekorV1) {
    const auto config = parseSigningConfig(
        signingConfig(
            R"({"url":"https://v2.example","majorApiVersion":2,"validFor":{"start":"2020-01-01T00:00:00Z"}},)"
            R"({"url":"https://v1.example","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}})"),
        "signing.json", kNow);
    EXPECT_EQ(config.rekorUrl, "https://v1.example");
    EXPECT_EQ(config.tsaUrl, "https://tsa.example/api/v1/timestamp");
    EXPECT_EQ(config.fulcioUrl, "https://fulcio.example");
}

TEST(SigstoreDocuments, ASigningConfigSignetCannotUseIsOneConfigError) {
    for (
        const std::string& text :
        {std::string("{}"), std::string("not json"),
         signingConfig(
             R"({"url":"https://v2.example","majorApiVersion":2,"validFor":{"start":"2020-01-01T00:00:00Z"}})")}) {
        try {
            parseSigningConfig(text, "signing.json", kNow);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << e.what();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace signet::sigstore
