// Randomised inputs for the small parsers in src/oci that read registry or user data: they may
// only return or throw signet::Error, and messages stay on one line.
#include <gtest/gtest.h>

#include "harness/TestSecrets.h"

#include <random>

#include "config/RegistryFromEnvironment.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/RegistryError.h"
#include "oci/RetryPolicy.h"

namespace signet::oci {
namespace {

std::string mutate(std::string text, std::mt19937& rng, const std::string& alphabet) {
    std::size_t edits = 1 + rng() % 6;
    for (std::size_t e = 0; e < edits; ++e) {
        std::size_t pos = text.empty() ? 0 : rng() % text.size();
        char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 3) {
            case 0:
                if (!text.empty()) text[pos] = c;
                break;
            case 1:
                if (!text.empty()) text.erase(pos, 1 + rng() % 4);
                break;
            default:
                text.insert(pos, 1, c);
        }
    }
    return text;
}

TEST(OciRobustness, RetryAfterNeverThrowsAndIsCapped) {
    std::mt19937 rng(11);
    const std::vector<std::string> seeds = {"120", "Wed, 21 Oct 2015 07:28:00 GMT",
                                            "Wednesday, 21-Oct-15 07:28:00 GMT",
                                            "Wed Oct 21 07:28:00 2015"};
    const std::string alphabet = "0123456789 ,:-WedOctGMT\x01\xff";
    auto now = std::chrono::system_clock::now();
    for (int i = 0; i < 20000; ++i) {
        std::string input = mutate(seeds[rng() % seeds.size()], rng, alphabet);
        auto wait = parseRetryAfter(input, now, std::chrono::seconds(30));
        if (wait) {
            EXPECT_GE(wait->count(), 0) << input;
            EXPECT_LE(wait->count(), 30000) << input;
        }
    }
}

TEST(OciRobustness, RegistryErrorsAreOneLineForAnyBody) {
    std::mt19937 rng(12);
    const std::string seed = R"({"errors":[{"code":"DENIED","message":"no","detail":{}}]})";
    const std::string alphabet =
        "{}[]\":,\\ \n\r\t\x01\xff"
        "az09errorscodemessage";
    for (int i = 0; i < 20000; ++i) {
        HttpResponse response;
        response.status = 400 + static_cast<int>(rng() % 200);
        response.reason = "Reason";
        response.body = mutate(seed, rng, alphabet);
        Error e = registryError("GET thing", response, "r.io", signet::testing::testSecrets());
        std::string msg = e.what();
        EXPECT_EQ(msg.find('\n'), std::string::npos) << response.body;
        EXPECT_EQ(msg.find('\r'), std::string::npos) << response.body;
        EXPECT_LT(msg.size(), 600u);
    }
}

TEST(OciRobustness, MutatedDockerConfigFilesOnlyThrowSignetErrors) {
    std::mt19937 rng(13);
    testing::TempDir home;
    Environment env;
    env.set("HOME", home.path());
    env.set("DOCKER_CONFIG", home.path() + "/config.json");
    env.set("PATH", home.path());  // no credential helpers can be found
    const std::string seed =
        R"({"auths":{"a.io":{"auth":")" + crypto::base64Encode("u:p") +
        R"("},"https://index.docker.io/v1/":{"username":"x","password":"y"},)"
        R"("a.io/team":{"identitytoken":"t"}},"credHelpers":{"b.io":"h"},"credsStore":""})";
    const std::string alphabet = "{}[]\":,\\ auths.io/:=0123456789truefalsenull";
    Repository a{"a.io", "team/app"};
    Repository hub{"index.docker.io", "library/busybox"};
    int parsed = 0;
    for (int i = 0; i < 800; ++i) {
        testing::writeFile(home.path() + "/config.json", mutate(seed, rng, alphabet));
        DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                      signet::testing::testSecrets());
        try {
            keychain.resolve(a);
            keychain.resolve(hub);
            ++parsed;
        } catch (const Error& e) {
            EXPECT_TRUE(e.kind() == ErrorKind::Config || e.kind() == ErrorKind::Auth) << e.what();
            EXPECT_EQ(std::string(e.what()).find("dTpw"), std::string::npos);  // b64("u:p")
        }
    }
    EXPECT_GT(parsed, 20);
}

}  // namespace
}  // namespace signet::oci
