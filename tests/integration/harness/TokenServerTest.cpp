// The token server answered over real HTTP; its JWTs checked with OpenSSL, independently of the
// code that made them (the registry accepting them is checked in TestRegistryTest).
#include "harness/TokenServer.h"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>
#include <random>

#include "crypto/Encoding.h"
#include "harness/JwtSigner.h"

namespace signet::testing {
namespace {

struct HttpAnswer {
    int status = 0;
    std::string body;
};

HttpAnswer get(const TokenServer& server, const std::string& pathAndQuery,
               const Credentials* credentials = nullptr) {
    Poco::URI realm(server.realm());
    Poco::Net::HTTPClientSession session(realm.getHost(), realm.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, pathAndQuery,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    if (credentials) {
        Poco::Net::HTTPBasicCredentials(credentials->username, credentials->password)
            .authenticate(request);
    }
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    HttpAnswer answer{static_cast<int>(response.getStatus()), {}};
    Poco::StreamCopier::copyToString(body, answer.body);
    return answer;
}

std::string base64UrlDecode(std::string text) {
    for (char& c : text) {
        if (c == '-') c = '+';
        if (c == '_') c = '/';
    }
    while (text.size() % 4 != 0) text += '=';
    auto decoded = crypto::base64Decode(text);
    if (!decoded) throw std::runtime_error("not base64url: " + text);
    return *decoded;
}

struct Jwt {
    nlohmann::json header;
    nlohmann::json claims;
    std::string signingInput;
    std::string signature;
};

Jwt splitJwt(const std::string& token) {
    size_t first = token.find('.');
    size_t second = token.find('.', first + 1);
    EXPECT_NE(second, std::string::npos);
    EXPECT_EQ(token.find('.', second + 1), std::string::npos);
    return {nlohmann::json::parse(base64UrlDecode(token.substr(0, first))),
            nlohmann::json::parse(base64UrlDecode(token.substr(first + 1, second - first - 1))),
            token.substr(0, second), base64UrlDecode(token.substr(second + 1))};
}

// The leaf in x5c must be signed by `rootPem`, and the JWS by the leaf's key (raw r||s).
bool signatureVerifies(const Jwt& jwt, const std::string& rootPem) {
    if (jwt.signature.size() != 64) return false;
    std::string leafDer = *crypto::base64Decode(jwt.header.at("x5c")[0].get<std::string>());
    const auto* in = reinterpret_cast<const unsigned char*>(leafDer.data());
    X509* leaf = d2i_X509(nullptr, &in, static_cast<long>(leafDer.size()));
    BIO* bio = BIO_new_mem_buf(rootPem.data(), static_cast<int>(rootPem.size()));
    X509* root = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    bool chained = leaf && root && X509_verify(leaf, X509_get0_pubkey(root)) == 1;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(
        sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(jwt.signature.data()), 32, nullptr),
        BN_bin2bn(reinterpret_cast<const unsigned char*>(jwt.signature.data()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    int derSize = i2d_ECDSA_SIG(sig, &der);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool valid = chained &&
                 EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr,
                                      X509_get0_pubkey(leaf)) == 1 &&
                 EVP_DigestVerify(context, der, static_cast<size_t>(derSize),
                                  reinterpret_cast<const unsigned char*>(jwt.signingInput.data()),
                                  jwt.signingInput.size()) == 1;
    EVP_MD_CTX_free(context);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    X509_free(root);
    BIO_free(bio);
    X509_free(leaf);
    return valid;
}

TokenServerOptions optionsFor(const Credentials& credentials) {
    TokenServerOptions options;
    options.credentials = credentials;
    return options;
}

TEST(TokenServerTest, GrantsRequestedScopesToTheRightCredentials) {
    Credentials account = randomCredentials();
    TokenServer server(optionsFor(account));
    HttpAnswer answer = get(server,
                            "/token?service=signet-test-registry"
                            "&scope=repository:team/app:pull,push&scope=registry:catalog:*",
                            &account);
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto body = nlohmann::json::parse(answer.body);
    EXPECT_EQ(body.at("token"), body.at("access_token"));
    EXPECT_EQ(body.at("expires_in"), 300);
    EXPECT_EQ(body.at("issued_at").get<std::string>().size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ

    Jwt jwt = splitJwt(body.at("token"));
    EXPECT_EQ(jwt.header.at("alg"), "ES256");
    EXPECT_EQ(jwt.claims.at("iss"), server.issuer());
    EXPECT_EQ(jwt.claims.at("aud"), server.service());
    EXPECT_EQ(jwt.claims.at("sub"), account.username);
    EXPECT_EQ(jwt.claims.at("exp").get<long long>() - jwt.claims.at("iat").get<long long>(), 300);
    EXPECT_LE(jwt.claims.at("nbf").get<long long>(), jwt.claims.at("iat").get<long long>());
    auto expected = nlohmann::json::parse(R"([
        {"type":"repository","name":"team/app","actions":["pull","push"]},
        {"type":"registry","name":"catalog","actions":["*"]}])");
    EXPECT_EQ(jwt.claims.at("access"), expected);
    EXPECT_TRUE(signatureVerifies(jwt, server.rootCertificatePem()));
    EXPECT_EQ(server.requests(), 1);
}

TEST(TokenServerTest, SignatureFailsAgainstAnotherRoot) {
    Credentials account = randomCredentials();
    TokenServer server(optionsFor(account));
    TokenServer stranger(optionsFor(account));
    auto body = nlohmann::json::parse(get(server, "/token?scope=repository:a:pull", &account).body);
    Jwt jwt = splitJwt(body.at("token"));
    EXPECT_FALSE(signatureVerifies(jwt, stranger.rootCertificatePem()));
    jwt.signingInput += "x";
    EXPECT_FALSE(signatureVerifies(jwt, server.rootCertificatePem()));
}

TEST(TokenServerTest, AnonymousGetsATokenWithoutAccess) {
    TokenServer server(optionsFor(randomCredentials()));
    HttpAnswer answer = get(server, "/token?service=x&scope=repository:team/app:pull");
    ASSERT_EQ(answer.status, 200);
    Jwt jwt = splitJwt(nlohmann::json::parse(answer.body).at("token"));
    EXPECT_TRUE(jwt.claims.at("access").empty());
    EXPECT_EQ(jwt.claims.at("sub"), "");
}

TEST(TokenServerTest, WrongCredentialsAndBadRequestsAreRefused) {
    Credentials account = randomCredentials();
    TokenServer server(optionsFor(account));
    Credentials wrongPassword{account.username, account.password + "x"};
    Credentials wrongUser{account.username + "x", account.password};
    EXPECT_EQ(get(server, "/token?scope=repository:a:pull", &wrongPassword).status, 401);
    EXPECT_EQ(get(server, "/token?scope=repository:a:pull", &wrongUser).status, 401);
    EXPECT_EQ(get(server, "/token?scope=nocolon", &account).status, 400);
    EXPECT_EQ(get(server, "/elsewhere", &account).status, 404);
    EXPECT_EQ(server.requests(), 4);
}

TEST(TokenServerTest, ParseScopeSplitsAtTheFirstAndLastColon) {
    ScopeRequest scope = parseScope("repository:127.0.0.1:5000/app:pull,push");
    EXPECT_EQ(scope.type, "repository");
    EXPECT_EQ(scope.name, "127.0.0.1:5000/app");
    EXPECT_EQ(scope.actions, (std::vector<std::string>{"pull", "push"}));
    EXPECT_TRUE(parseScope("repository:app:").actions.empty());
    EXPECT_THROW(parseScope("repository:app"), std::invalid_argument);
    EXPECT_THROW(parseScope(""), std::invalid_argument);
}

// Random and mutated scopes and query strings: parseScope only returns or throws
// std::invalid_argument; the server always answers with a status, never dies.
TEST(TokenServerTest, RandomInputsNeverCrashParserOrServer) {
    std::mt19937 random(20261122);
    auto randomText = [&](size_t maxLength) {
        static const std::string alphabet = "repository:pull,push*/%&=?+ \x01\xff\xc3";
        std::string text(random() % maxLength, ' ');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        return text;
    };
    for (int i = 0; i < 5000; ++i) {
        try {
            ScopeRequest scope = parseScope(randomText(40));
            EXPECT_EQ(scope.type.find(':'), std::string::npos);
        } catch (const std::invalid_argument&) {
        }
    }
    Credentials account = randomCredentials();
    TokenServer server(optionsFor(account));
    for (int i = 0; i < 60; ++i) {
        std::string encoded;
        Poco::URI::encode(randomText(30), "&=+?#", encoded);
        std::string query = "/token?scope=" + encoded;
        std::string raw = "/token?" + randomText(30);
        for (const std::string& target : {query, raw}) {
            try {
                int status = get(server, target, i % 2 ? &account : nullptr).status;
                EXPECT_TRUE(status == 200 || status == 400 || status == 404) << status;
            } catch (const Poco::Exception&) {
                // The client itself refused to send that target: nothing reached the server.
            }
        }
    }
    EXPECT_GT(server.requests(), 0);
    EXPECT_EQ(get(server, "/token?scope=repository:a:pull", &account).status, 200);
}

TEST(JwtSignerTest, Base64UrlHasNoPaddingOrStandardAlphabet) {
    EXPECT_EQ(base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
    EXPECT_EQ(base64UrlEncode("a"), "YQ");
    EXPECT_EQ(base64UrlEncode(""), "");
}

TEST(JwtSignerTest, RejectsKeysThatAreNotP256) {
    EXPECT_THROW(JwtSigner("not a pem", {}), std::runtime_error);
}

}  // namespace
}  // namespace signet::testing
