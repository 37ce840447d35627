// Keyless verification against real cosign output: containers/image's fixture
// dir-img-cosign-fulcio-rekor-valid is a `cosign sign` made keyless with the public-good
// Fulcio (root fulcio_v1.crt.pem) and Rekor (rekor.pub) in December 2022, signed as
// mitr@redhat.com through GitHub's OAuth issuer. Its certificate and chain are the layer's
// dev.sigstore.cosign/certificate and /chain annotations. The fixtures hold no key of the CT
// log that signed its SCT, so the SCT check is the one thing this test cannot make: the
// loopback stand-in tests (tests/integration/sigstore) check SCTs.
#include <gtest/gtest.h>

#include "cosign/SignatureVerification.h"
#include "cosign/SigningCertificate.h"
#include "crypto/Certificate.h"
#include "crypto/Encoding.h"
#include "harness/ContainersSignature.h"
#include "harness/Paths.h"
#include "sigstore/CertificateIdentity.h"
#include "sigstore/TrustedRoot.h"

namespace signet::cosign {
namespace {

std::string dir(const std::string& name) {
    return testing::fixture("interop/containers-image/" + name);
}

class KeylessInterop : public ::testing::Test {
  protected:
    void SetUp() override {
        signature_ = testing::readContainersSignature(dir("dir-img-cosign-fulcio-rekor-valid") +
                                                      "/signature-1");
        digest_ = crypto::sha256Digest(
            testing::readFile(dir("dir-img-cosign-fulcio-rekor-valid") + "/manifest.json"));
        root_.tlogs = {sigstore::logKeyFromPem(testing::readFile(dir("rekor.pub")), "rekor.pub")};
        const auto fulcio =
            crypto::Certificate::chainFromPem(testing::readFile(dir("fulcio_v1.crt.pem")), "ca");
        root_.certificateAuthorities = {
            {"https://fulcio.sigstore.dev", {fulcio.front().der()}, {}}};
    }
    VerificationPolicy policy(const std::string& identity, const std::string& issuer) const {
        VerificationPolicy policy;
        policy.witnesses.root = &root_;
        policy.witnesses.requireTlog = true;
        KeylessPolicy keyless;
        keyless.root = &root_;
        keyless.identity.identity = identity;
        keyless.identity.issuer = issuer;
        keyless.ignoreSct = true;  // no key of its CT log in the fixtures (see the top)
        policy.keyless = keyless;
        return policy;
    }
    std::vector<std::string> rejections(const VerificationPolicy& policy,
                                        const std::map<std::string, std::string>& annotations) {
        auto outcome = verifySignatures(
            digest_, {{signature_.mimeType, signature_.payload, annotations}}, policy);
        return outcome.accepted.empty() ? outcome.rejections : std::vector<std::string>{};
    }
    testing::ContainersSignature signature_;
    std::string digest_;
    sigstore::TrustedRoot root_;
};

TEST_F(KeylessInterop, CosignsFulcioSignatureVerifiesWithItsIdentityAndIssuer) {
    EXPECT_EQ(rejections(policy("mitr@redhat.com", "https://github.com/login/oauth"),
                         signature_.annotations),
              std::vector<std::string>{});
}

TEST_F(KeylessInterop, TheCertificateNamesTheSignerAndItsIssuer) {
    const auto chain = legacyCertificateChain(signature_.annotations);
    ASSERT_EQ(chain.size(), 3u);  // leaf, intermediate, root
    const auto identity = sigstore::identityOf(chain.front());
    EXPECT_EQ(identity.subjects, std::vector<std::string>{"mitr@redhat.com"});
    EXPECT_EQ(identity.issuer, "https://github.com/login/oauth");
    EXPECT_EQ(chain.front().notAfter() - chain.front().notBefore(), 600);
}

TEST_F(KeylessInterop, ARegexpMatchesAnywhereAsGosMatchStringDoes) {
    auto regexp = policy("", "");
    regexp.keyless->identity.identityRegexp = "@redhat\\.com$";
    regexp.keyless->identity.issuerRegexp = "github";
    EXPECT_EQ(rejections(regexp, signature_.annotations), std::vector<std::string>{});
}

TEST_F(KeylessInterop, AnotherIdentityOrIssuerIsRejectedWithTheReason) {
    auto wrongIdentity = rejections(policy("someone@example.com", "https://github.com/login/oauth"),
                                    signature_.annotations);
    ASSERT_EQ(wrongIdentity.size(), 1u);
    EXPECT_NE(wrongIdentity[0].find("identity \"mitr@redhat.com\" is not \"someone@example.com\""),
              std::string::npos)
        << wrongIdentity[0];
    auto wrongIssuer = rejections(policy("mitr@redhat.com", "https://accounts.google.com"),
                                  signature_.annotations);
    ASSERT_EQ(wrongIssuer.size(), 1u);
    EXPECT_NE(wrongIssuer[0].find("OIDC issuer"), std::string::npos) << wrongIssuer[0];
}

TEST_F(KeylessInterop, TheSctIsRequiredUnlessIgnored) {
    auto strict = policy("mitr@redhat.com", "https://github.com/login/oauth");
    strict.keyless->ignoreSct = false;
    auto refused = rejections(strict, signature_.annotations);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_NE(refused[0].find("SCT"), std::string::npos) << refused[0];
}

TEST_F(KeylessInterop, ACertificateFromAnotherAuthorityIsRejected) {
    root_.certificateAuthorities = {
        {"elsewhere",
         {crypto::Certificate::chainFromPem(testing::readFile(dir("fulcio-chain")), "other")
              .front()
              .der()},
         {}}};
    // The intermediate alone as the trusted root does not verify: OpenSSL needs a self-signed
    // anchor unless partial chains are allowed, and signet does not allow them.
    auto refused = rejections(policy("mitr@redhat.com", "https://github.com/login/oauth"),
                              signature_.annotations);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_NE(refused[0].find("does not chain"), std::string::npos) << refused[0];
}

TEST_F(KeylessInterop, WithoutALogEntryNothingProvesTheSigningTime) {
    auto annotations = signature_.annotations;
    annotations.erase("dev.sigstore.cosign/bundle");
    auto noTlog = policy("mitr@redhat.com", "https://github.com/login/oauth");
    noTlog.witnesses.requireTlog = false;
    auto refused = rejections(noTlog, annotations);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_NE(refused[0].find("nothing proves when"), std::string::npos) << refused[0];
}

TEST_F(KeylessInterop, AChainAnnotationThatIsNotPemIsRejectedNotThrown) {
    auto annotations = signature_.annotations;
    annotations["dev.sigstore.cosign/chain"] = "-----BEGIN CERTIFICATE-----\n!!\n";
    auto refused =
        rejections(policy("mitr@redhat.com", "https://github.com/login/oauth"), annotations);
    EXPECT_EQ(refused.size(), 1u);
}

}  // namespace
}  // namespace signet::cosign
