// registryError quotes what the registry wrote only after scrubbing it, and only so much of it.
#include "oci/RegistryError.h"

#include <gtest/gtest.h>

#include "secret/SecretScrubber.h"

namespace signet::oci {
namespace {

const std::string kBasic = "dXNlcjpodW50ZXIy";  // base64("user:hunter2")

HttpResponse answer(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.reason = "Bad Request";
    response.body = std::move(body);
    return response;
}

TEST(RegistryError, EchoedAuthorizationInAPlainBodyIsScrubbed) {
    secret::SecretScrubber secrets;
    secrets.add(kBasic);
    secrets.add("Basic " + kBasic);
    Error e = registryError("GET x", answer(400, "you sent Authorization: Basic " + kBasic), "r.io",
                            secrets);
    EXPECT_EQ(std::string(e.what()),
              "GET x: 400 Bad Request: the registry answered \"you sent Authorization: ***\"");
}

TEST(RegistryError, EchoedTokenInAStructuredErrorIsScrubbed) {
    secret::SecretScrubber secrets;
    secrets.add("tok.en.value");
    Error e = registryError(
        "PUT y", answer(403, R"({"errors":[{"code":"DENIED","message":"Bearer tok.en.value"}]})"),
        "r.io", secrets);
    EXPECT_EQ(std::string(e.what()), "PUT y: 403 DENIED: Bearer ***; check credentials for r.io");
}

TEST(RegistryError, SecretPastTheCutIsNeverHalfShown) {
    secret::SecretScrubber secrets;
    const std::string token(300, 'k');
    secrets.add(token);
    Error e = registryError("GET z", answer(500, std::string(100, '.') + token), "r.io", secrets);
    std::string message = e.what();
    EXPECT_EQ(message.find("kkk"), std::string::npos) << message;
    EXPECT_NE(message.find("***"), std::string::npos) << message;
}

TEST(RegistryError, LongBodiesAreBounded) {
    secret::SecretScrubber secrets;
    Error plain = registryError("GET a", answer(500, std::string(100000, 'x')), "r.io", secrets);
    EXPECT_LT(std::string(plain.what()).size(), 200u);
    Error structured =
        registryError("GET b",
                      answer(400, R"({"errors":[{"code":")" + std::string(5000, 'C') +
                                      R"(","message":")" + std::string(5000, 'm') + "\"}]})"),
                      "r.io", secrets);
    EXPECT_LT(std::string(structured.what()).size(), 400u);
}

}  // namespace
}  // namespace signet::oci
