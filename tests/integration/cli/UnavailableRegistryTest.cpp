// Exit codes of unavailability, end to end: a registry that answers 503 (or 502/504/408) to every
// request, retries included, ends `signet run` and `signet sign` with exit 4 and the report
// category "unavailable"; 501 and 400 stay exit 2; a mix of unavailability and auth is exit 2.
// The registry is harness/ScriptedRegistry: the real docker-registry cannot be made to answer 503.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness/Paths.h"
#include "harness/ScriptedRegistry.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

using oci::testing::RecordedRequest;
using oci::testing::ScriptedRegistry;
using oci::testing::ScriptedReply;
using Env = std::map<std::string, std::string>;

const std::string kDigest =
    "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

// Answers every request with `status` (a /v2/ ping included).
ScriptedRegistry::Script always(int status) {
    return [status](const RecordedRequest&, int) {
        return ScriptedReply{status,
                             {{"Content-Type", "application/json"}},
                             R"({"errors":[{"code":"UNAVAILABLE","message":"try later"}]})"};
    };
}

class UnavailableRegistry : public ::testing::Test {
  protected:
    Env env(const std::string& hosts) const {
        return {{"HOME", home_.path()},
                {"SIGNET_KEY", fixture("interop/cosign-keys/pemsigstorekey.pem")},
                {"COSIGN_PASSWORD", "hello"},
                {"SIGNET_INSECURE_REGISTRIES", hosts},
                {"SIGNET_RETRIES", "1"},
                {"SIGNET_REPORT", home_.path() + "/report.json"}};
    }
    nlohmann::json report() const {
        return nlohmann::json::parse(readFile(home_.path() + "/report.json"));
    }
    TempDir home_;
};

TEST_F(UnavailableRegistry, EveryAnswerA5xxOr408IsExitFourWithCategoryUnavailable) {
    for (int status : {503, 502, 504, 500, 408}) {
        SCOPED_TRACE(status);
        ScriptedRegistry registry(always(status));
        const std::string ref = registry.host() + "/team/app:v1@" + kDigest;
        auto run = runSignet({"run", "--image", ref}, env(registry.host()));
        EXPECT_EQ(run.exitCode, 4) << run.err;
        ASSERT_EQ(report()["failed"].size(), 1u) << report().dump();
        EXPECT_EQ(report()["failed"][0]["category"], "unavailable") << report().dump();
        EXPECT_NE(run.err.find(std::to_string(status)), std::string::npos) << run.err;
        EXPECT_GE(registry.count(), 2) << "retried";

        auto sign = runSignet({"sign", ref}, env(registry.host()));
        EXPECT_EQ(sign.exitCode, 4) << sign.err;
        EXPECT_TRUE(sign.out.empty()) << sign.out;
    }
}

TEST_F(UnavailableRegistry, NotImplementedAndBadRequestAreOtherFailures) {
    for (int status : {501, 400}) {
        SCOPED_TRACE(status);
        ScriptedRegistry registry(always(status));
        auto run = runSignet({"run", "--image", registry.host() + "/team/app:v1@" + kDigest},
                             env(registry.host()));
        EXPECT_EQ(run.exitCode, 2) << run.err;
        ASSERT_EQ(report()["failed"].size(), 1u) << report().dump();
        EXPECT_EQ(report()["failed"][0]["category"], "registry") << report().dump();
    }
}

TEST_F(UnavailableRegistry, UnavailabilityMixedWithAuthFailuresIsExitTwo) {
    ScriptedRegistry down(always(503));
    ScriptedRegistry refusing(always(403));
    auto run = runSignet({"run", "--image", down.host() + "/team/app:v1@" + kDigest, "--image",
                          refusing.host() + "/team/app:v1@" + kDigest},
                         env(down.host() + "," + refusing.host()));
    EXPECT_EQ(run.exitCode, 2) << run.err;
    ASSERT_EQ(report()["failed"].size(), 2u) << report().dump();
    EXPECT_EQ(report()["failed"][0]["category"], "unavailable") << report().dump();
    EXPECT_EQ(report()["failed"][1]["category"], "auth") << report().dump();
}

}  // namespace
}  // namespace signet::testing
