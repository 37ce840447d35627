#include "cosign/Dsse.h"

#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include "config/Environment.h"
#include "crypto/Encoding.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "json/GoJson.h"

namespace signet::cosign {
namespace {

TEST(Dsse, PreAuthEncodingMatchesTheSpecExample) {
    // DSSE protocol.md test vector: type "http://example.com/HelloWorld", body "hello world".
    EXPECT_EQ(preAuthEncoding("http://example.com/HelloWorld", "hello world"),
              "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    EXPECT_EQ(preAuthEncoding(kInTotoPayloadType, "{}"),
              "DSSEv1 28 application/vnd.in-toto+json 2 {}");
}

TEST(Dsse, VerifiesCosignsOwnAttestationFixtureEnvelopeShape) {
    // cosign's pkg/cosign/testdata/oci-attestation.sigstore.json carries a DSSE envelope.
    auto bundle = json::parse(testing::readFile(testing::fixture(
                                  "interop/cosign-testdata/oci-attestation.sigstore.json")),
                              "fixture");
    auto envelope = parseEnvelope(bundle.at("dsseEnvelope").dump());
    EXPECT_EQ(envelope.payloadType, kInTotoPayloadType);
    ASSERT_EQ(envelope.signatures.size(), 1u);
    auto statement = json::parse(envelope.payload, "statement");
    EXPECT_TRUE(statement.contains("predicateType"));
}

TEST(Dsse, SignedEnvelopeVerifiesAndTamperingIsDetected) {
    Environment env;
    env.set("COSIGN_PASSWORD", "hello");
    auto signer = signet::testing::signerFromEnvironment(
        testing::fixture("interop/cosign-keys/pemsigstorekey.pem"), env,
        signet::testing::testSecrets());
    std::string text = signEnvelope(*signer, kInTotoPayloadType, "{\"_type\":\"x\"}");
    EXPECT_EQ(text.find("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""), 0u);
    EXPECT_NE(text.find("\"signatures\":[{\"keyid\":\"\",\"sig\":\""), std::string::npos);
    auto envelope = parseEnvelope(text);
    auto verifier = signer->verifier();
    EXPECT_TRUE(verifyEnvelope(envelope, *verifier));
    envelope.payload += " ";
    EXPECT_FALSE(verifyEnvelope(envelope, *verifier));
}

TEST(Dsse, MalformedEnvelopesAreVerifyErrors) {
    for (std::string bad :
         {"", "{}", "{\"payloadType\":1}", "{\"payloadType\":\"t\",\"payload\":\"!!\"}"}) {
        EXPECT_THROW(parseEnvelope(bad), Error) << bad;
    }
}

}  // namespace
}  // namespace signet::cosign
