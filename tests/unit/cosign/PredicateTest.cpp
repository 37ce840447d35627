// The predicate layouts cosign v2.6.4 writes (pkg/cosign/attestation/attestation.go, through
// in-toto-golang v0.9.0's structs and Go's encoding/json): each expected value below is what
// json.Marshal writes of the struct json.Unmarshal fills from the input.
#include "cosign/Predicate.h"

#include <gtest/gtest.h>

#include "cosign/InTotoStatement.h"
#include "error/Error.h"

namespace signet::cosign {
namespace {

std::string layout(const std::string& type, const std::string& contents) {
    return json::goMarshal(makePredicate({type, contents, 1700000000}).value);
}

std::string refusal(const std::string& type, const std::string& contents) {
    try {
        layout(type, contents);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        return e.what();
    }
    return "accepted";
}

// CosignPredicate{Data: string(rawPayload), Timestamp: now.UTC().Format(time.RFC3339)}.
TEST(Predicate, CustomWrapsTheFileAsTextWithATimestamp) {
    EXPECT_EQ(
        layout("custom", "plain text, <not> JSON\n"),
        R"({"Data":"plain text, \u003cnot\u003e JSON\n","Timestamp":"2023-11-14T22:13:20Z"})");
    EXPECT_EQ(layout("custom", R"({"b":1,"a":2})"),
              R"({"Data":"{\"b\":1,\"a\":2}","Timestamp":"2023-11-14T22:13:20Z"})");
}

TEST(Predicate, SlsaProvenance02KeepsTheStructsOrderAndDropsEmptyFields) {
    const std::string input = R"({
      "buildConfig": {"steps": [{"command": ["make"], "n": 1.0}]},
      "buildType": "https://example.com/Makefile@v1",
      "builder": {"id": "https://github.com/Attestations/GitHubHostedActions@v1"},
      "invocation": {"configSource": {"digest": {"sha1": "abc"}, "entryPoint": "build.yaml",
                                      "uri": "git+https://github.com/x/y"},
                     "environment": null, "parameters": {"z": true, "a": "x"}},
      "materials": [],
      "metadata": {"buildFinishedOn": "2024-01-01T10:00:00.500Z",
                   "buildStartedOn": "2024-01-01T09:59:00+00:00",
                   "completeness": {"parameters": true}, "reproducible": false},
      "unknown": "dropped"})";
    EXPECT_EQ(
        layout("slsaprovenance", input),
        R"({"builder":{"id":"https://github.com/Attestations/GitHubHostedActions@v1"},)"
        R"("buildType":"https://example.com/Makefile@v1",)"
        R"("invocation":{"configSource":{"uri":"git+https://github.com/x/y",)"
        R"("digest":{"sha1":"abc"},"entryPoint":"build.yaml"},"parameters":{"a":"x","z":true}},)"
        R"("buildConfig":{"steps":[{"command":["make"],"n":1}]},)"
        R"("metadata":{"buildStartedOn":"2024-01-01T09:59:00Z",)"
        R"("buildFinishedOn":"2024-01-01T10:00:00.5Z",)"
        R"("completeness":{"parameters":true,"environment":false,"materials":false},)"
        R"("reproducible":false}})");
    EXPECT_EQ(layout("slsaprovenance02", input), layout("slsaprovenance", input));
    // The smallest predicate: invocation is a struct, which omitempty never drops.
    EXPECT_EQ(layout("slsaprovenance", R"({"builder":{"id":"b"},"buildType":"t",
                                          "materials":[{"uri":"git+x","digest":{"sha1":"1"}},{}]})"),
              R"({"builder":{"id":"b"},"buildType":"t","invocation":{"configSource":{}},)"
              R"("materials":[{"uri":"git+x","digest":{"sha1":"1"}},{}]})");
}

TEST(Predicate, SlsaProvenanceNeedsTheStructsRequiredFields) {
    EXPECT_EQ(refusal("slsaprovenance", R"({"buildType":"t"})"),
              "provenance predicate: required field builder missing");
    EXPECT_EQ(refusal("slsaprovenance", R"({"builder":{"id":"b"}})"),
              "provenance predicate: required field buildType missing");
    EXPECT_EQ(refusal("slsaprovenance1", R"({"buildDefinition":{}})"),
              "provenance predicate: required field runDetails missing");
    EXPECT_EQ(refusal("slsaprovenance", "[1]"),
              "provenance predicate: json: cannot unmarshal array into Go value of type "
              "map[string]interface {}");
    EXPECT_EQ(refusal("slsaprovenance", R"({"builder":{"id":7},"buildType":"t"})"),
              "predicate for --type slsaprovenance: json: cannot unmarshal number into Go struct "
              "field ProvenancePredicate.builder.id of type string");
    EXPECT_NE(refusal("slsaprovenance", "not json").find("not valid JSON"), std::string::npos);
}

TEST(Predicate, SlsaProvenance1) {
    const std::string input = R"({
      "buildDefinition": {"buildType": "https://example.com/t", "externalParameters": {"b": 2, "a": 1},
                          "resolvedDependencies": [{"uri": "git+x", "digest": {"gitCommit": "c0"},
                                                    "content": "aGk=", "annotations": {"k": 1}}]},
      "runDetails": {"builder": {"id": "https://example.com/builder", "version": {"v": "1"}},
                     "metadata": {"invocationId": "run-1", "startedOn": "2024-05-06T07:08:09Z"}}})";
    // in-toto-golang's tag is invocationID; encoding/json matches "invocationId" to it by case.
    EXPECT_EQ(layout("slsaprovenance1", input),
              R"({"buildDefinition":{"buildType":"https://example.com/t",)"
              R"("externalParameters":{"a":1,"b":2},)"
              R"("resolvedDependencies":[{"uri":"git+x","digest":{"gitCommit":"c0"},)"
              R"("content":"aGk=","annotations":{"k":1}}]},)"
              R"("runDetails":{"builder":{"id":"https://example.com/builder","version":{"v":"1"}},)"
              R"("metadata":{"invocationID":"run-1","startedOn":"2024-05-06T07:08:09Z"}}})");
    EXPECT_EQ(layout("slsaprovenance1", R"({"buildDefinition":{},"runDetails":{}})"),
              R"({"buildDefinition":{"buildType":"","externalParameters":null},)"
              R"("runDetails":{"builder":{"id":""},"metadata":{}}})");
}

// in_toto.Link: no omitempty, every field required.
TEST(Predicate, LinkKeepsEveryFieldOfTheStruct) {
    EXPECT_EQ(
        layout("link", R"({"_type":"link","name":"build","materials":{},"products":null,
                                "byproducts":{"stdout":""},"command":["make","all"],
                                "environment":{"z":0,"a":{}},"extra":1})"),
        R"({"_type":"link","name":"build","materials":{},"products":null,)"
        R"("byproducts":{"stdout":""},"command":["make","all"],"environment":{"a":{},"z":0}})");
    EXPECT_EQ(refusal("link", R"({"_type":"link","name":"b"})"),
              "link statement: required field materials missing");
}

// CosignVulnPredicate: plain structs and time.Time values (zero when absent), no omitempty.
TEST(Predicate, VulnFillsCosignsStruct) {
    EXPECT_EQ(layout("vuln", R"({"scanner":{"uri":"pkg:github/aquasecurity/trivy","version":"0.50",
                                "result":{"b":[],"a":null}},
                                "metadata":{"scanStartedOn":"2024-01-01T00:00:00Z"}})"),
              R"({"invocation":{"parameters":null,"uri":"","event_id":"","builder.id":""},)"
              R"("scanner":{"uri":"pkg:github/aquasecurity/trivy","version":"0.50",)"
              R"("db":{"uri":"","version":""},"result":{"a":null,"b":[]}},)"
              R"("metadata":{"scanStartedOn":"2024-01-01T00:00:00Z",)"
              R"("scanFinishedOn":"0001-01-01T00:00:00Z"}})");
}

TEST(Predicate, JsonTypesAreGenericValues) {
    EXPECT_EQ(layout("spdxjson", R"({"spdxVersion":"SPDX-2.3","b":10,"a":[1.50]})"),
              R"({"a":[1.5],"b":10,"spdxVersion":"SPDX-2.3"})");
    EXPECT_EQ(layout("cyclonedx", "[1]"), "[1]");
    EXPECT_EQ(layout("spdx", "SPDXVersion: SPDX-2.3\n"), R"("SPDXVersion: SPDX-2.3\n")");
    EXPECT_EQ(layout("https://example.com/p/v1", R"({"z":1,"a":2})"), R"({"a":2,"z":1})");
    EXPECT_EQ(refusal("https://example.com/p/v1", "[1]"),
              "invalid JSON payload for predicate type https://example.com/p/v1: json: cannot "
              "unmarshal array into Go value of type map[string]interface {}");
}

TEST(Predicate, TheStatementWrapsItInInTotoOrder) {
    const auto repo = oci::Reference::parse("registry.example:5000/team/app:1").repository;
    EXPECT_EQ(
        makeStatement(repo, "sha256:" + std::string(64, 'a'), makePredicate({"custom", "hi", 0})),
        R"({"_type":"https://in-toto.io/Statement/v0.1",)"
        R"("predicateType":"https://cosign.sigstore.dev/attestation/v1",)"
        R"("subject":[{"name":"registry.example:5000/team/app","digest":{"sha256":")" +
            std::string(64, 'a') +
            R"("}}],"predicate":{"Data":"hi","Timestamp":"1970-01-01T00:00:00Z"}})");
}

}  // namespace
}  // namespace signet::cosign
