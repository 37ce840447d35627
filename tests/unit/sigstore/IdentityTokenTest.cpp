// What a keyless signer reads from an OIDC token without verifying it, and the one Auth error
// for text that is not a token — which never quotes the token.
#include <gtest/gtest.h>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sigstore/IdentityToken.h"

namespace signet::sigstore {
namespace {

std::string base64Url(const std::string& bytes) {
    std::string text = crypto::base64Encode(bytes);
    for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

std::string jwt(const std::string& claims) {
    return base64Url(R"({"alg":"RS256","typ":"JWT"})") + "." + base64Url(claims) + ".c2lnbmF0dXJl";
}

TEST(IdentityToken, ClaimsAreReadAndTheProofSignsTheEmailElseTheSubject) {
    const auto token = parseIdentityToken(
        jwt(R"({"iss":"https://token.actions.githubusercontent.com","sub":"repo:o/r:ref:refs/heads/main","aud":"sigstore","exp":1700000000})"),
        "SIGSTORE_ID_TOKEN");
    EXPECT_EQ(token.issuer, "https://token.actions.githubusercontent.com");
    EXPECT_EQ(token.proofSubject(), "repo:o/r:ref:refs/heads/main");
    EXPECT_EQ(token.audience, std::vector<std::string>{"sigstore"});
    EXPECT_EQ(token.expiry, 1700000000);
    EXPECT_TRUE(token.expiredAt(1700000000));
    EXPECT_FALSE(token.expiredAt(1699999999));
    const auto email = parseIdentityToken(
        jwt(R"({"iss":"https://accounts.example","sub":"12345","email":"a@b.example","aud":["x","sigstore"]})"),
        "file");
    EXPECT_EQ(email.proofSubject(), "a@b.example");
    EXPECT_EQ(email.audience.size(), 2u);
    EXPECT_FALSE(email.expiredAt(4000000000));  // no exp claim
}

TEST(IdentityToken, SurroundingWhitespaceIsDropped) {
    const std::string text = jwt(R"({"iss":"i","sub":"s"})");
    EXPECT_EQ(parseIdentityToken("\n " + text + "\n", "file").compact, text);
    EXPECT_TRUE(looksLikeJwt(text + "\n"));
}

TEST(IdentityToken, WhatIsNotATokenIsOneAuthErrorThatDoesNotQuoteIt) {
    for (const std::string& text :
         {std::string("not-a-token"), std::string("/path/to/file"), std::string("a.b"),
          base64Url("{}") + "." + base64Url("[1]") + ".x", jwt(R"({"iss":"only-an-issuer"})"),
          jwt("not json"), std::string(".a.b")}) {
        try {
            parseIdentityToken(text, "SIGSTORE_ID_TOKEN");
            ADD_FAILURE() << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Auth);
            EXPECT_EQ(std::string(e.what()).rfind("the identity token from SIGSTORE_ID_TOKEN ", 0),
                      0u);
            if (text.size() > 3) {
                EXPECT_EQ(std::string(e.what()).find(text), std::string::npos);
            }
        }
    }
}

}  // namespace
}  // namespace signet::sigstore
