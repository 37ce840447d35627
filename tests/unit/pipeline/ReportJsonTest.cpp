#include "pipeline/ReportJson.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

using testing::kDigestA;
using testing::kDigestB;

TEST(ReportJson, FieldsFollowTheReferenceSchema) {
    secret::SecretScrubber scrubber;
    const Report report = testing::sampleReport();
    const auto doc = nlohmann::ordered_json::parse(reportJson(report, scrubber));

    std::vector<std::string> keys;
    for (const auto& [key, unused] : doc.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"schema", "tool", "signatureFormat", "signer",
                                              "resultsTruncated", "summary", "signed", "failed",
                                              "sboms"}));
    EXPECT_EQ(doc["signer"], (nlohmann::ordered_json{{"kind", "key"}}));
    EXPECT_EQ(doc["schema"], 1);
    EXPECT_EQ(doc["tool"], (nlohmann::ordered_json{{"name", "signet"}, {"version", "0.1.0"}}));
    EXPECT_EQ(doc["signatureFormat"], "legacy-tag");
    EXPECT_EQ(doc["resultsTruncated"], false);
    // Counted from the sample independently: 1 signed, 1 skipped, 1 failed, 1 SBOM.
    EXPECT_EQ(doc["summary"],
              (nlohmann::ordered_json{
                  {"requested", 3}, {"signed", 1}, {"skipped", 1}, {"failed", 1}, {"sboms", 1}}));
    ASSERT_EQ(doc["signed"].size(), 2u);
    EXPECT_EQ(doc["signed"][0]["ref"], "ghcr.io/o/app:1.2@" + kDigestA);
    EXPECT_EQ(doc["signed"][0]["digest"], kDigestA);
    EXPECT_EQ(doc["signed"][0]["identity"], "ghcr.io/o/app:1.2");
    EXPECT_TRUE(doc["signed"][0]["platform"].is_null());
    EXPECT_EQ(doc["signed"][0]["attempts"], 1);
    EXPECT_EQ(doc["signed"][0]["skippedExisting"], false);
    EXPECT_EQ(doc["signed"][1]["skippedExisting"], true);
    ASSERT_EQ(doc["failed"].size(), 1u);
    EXPECT_EQ(doc["failed"][0]["ref"], "ghcr.io/o/other:1@" + kDigestB);
    EXPECT_EQ(doc["failed"][0]["category"], "auth");  // ci-conventions §6.2 category list
    EXPECT_EQ(doc["failed"][0]["attempts"], 4);
    EXPECT_EQ(doc["sboms"][0]["subject"], "ghcr.io/o/app@" + kDigestA);
    EXPECT_EQ(doc["sboms"][0]["platform"], "linux/amd64");
    EXPECT_EQ(doc["sboms"][0]["size"], 1234);
    EXPECT_EQ(doc["sboms"][0]["attach"], "attestation");
    EXPECT_EQ(doc["sboms"][0]["logIndex"], 7);
    EXPECT_TRUE(doc["signed"][0]["logIndex"].is_null());
    EXPECT_EQ(doc["signed"][0]["timestamped"], false);
}

TEST(ReportJson, SecretsAreScrubbedAndBadUtf8DoesNotThrow) {
    secret::SecretScrubber scrubber;
    scrubber.add("pa\"ss");  // a quote: would be escaped in JSON text, so scrub values, not text
    Report report = testing::sampleReport();
    report.results[2].failure->message = "login with pa\"ss failed \xff\xfe";
    const std::string text = reportJson(report, scrubber);
    EXPECT_EQ(text.find("pa\\\"ss"), std::string::npos) << text;
    const auto doc = nlohmann::json::parse(text);
    EXPECT_EQ(doc["failed"][0]["message"].get<std::string>().substr(0, 21),
              "login with *** failed");
}

TEST(ReportJson, WrittenFileDigestMatchesSha256sum) {
    signet::testing::ScopedTempDir dir;
    secret::SecretScrubber scrubber;
    const std::string path = dir.file("signet-report.json");
    const WrittenReport written = writeReportFile(testing::sampleReport(), path, scrubber);
    EXPECT_EQ(written.path, path);
    EXPECT_EQ(signet::testing::readFile(path), reportJson(testing::sampleReport(), scrubber));

    FILE* pipe = popen(("sha256sum '" + path + "'").c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char hex[65] = {};
    ASSERT_EQ(fread(hex, 1, 64, pipe), 64u);
    pclose(pipe);
    EXPECT_EQ(written.sha256, std::string(hex));
}

TEST(ReportJson, UnwritablePathIsOneClearError) {
    secret::SecretScrubber scrubber;
    try {
        writeReportFile(testing::sampleReport(), "/nonexistent-dir/r.json", scrubber);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_EQ(std::string(e.what()),
                  "/nonexistent-dir/r.json: cannot write the report (No such file or directory); "
                  "check SIGNET_REPORT / --report");
    }
}

TEST(ReportJson, AKeylessRunNamesTheCertificatesIdentityAndIssuer) {
    secret::SecretScrubber scrubber;
    Report report = testing::sampleReport();
    report.keyless =
        KeylessSigner{"https://github.com/o/r/.github/workflows/release.yml@refs/heads/main",
                      "https://token.actions.githubusercontent.com"};
    const auto doc = nlohmann::ordered_json::parse(reportJson(report, scrubber));
    EXPECT_EQ(
        doc["signer"],
        (nlohmann::ordered_json{
            {"kind", "keyless"},
            {"identity", "https://github.com/o/r/.github/workflows/release.yml@refs/heads/main"},
            {"issuer", "https://token.actions.githubusercontent.com"}}));
}

}  // namespace
}  // namespace signet::pipeline
