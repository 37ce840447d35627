// `signet version [--json]` reports what cosign version does, from the build itself.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include "harness/Command.h"
#include "harness/SignetProcess.h"

namespace signet::testing {
namespace {

TEST(Version, JsonCarriesCosignsFieldsAndTheCommitBuilt) {
    auto result = runSignet({"version", "--json"}, {});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    auto fields = nlohmann::json::parse(result.out);
    for (const char* name :
         {"gitVersion", "gitCommit", "gitTreeState", "buildDate", "compiler", "platform"}) {
        ASSERT_TRUE(fields.contains(name)) << name << " in " << result.out;
        EXPECT_FALSE(fields[name].get<std::string>().empty()) << name;
    }
    EXPECT_EQ(fields["gitVersion"], std::string("v") + SIGNET_VERSION);
    EXPECT_EQ(fields["platform"].get<std::string>().rfind("linux/", 0), 0u);
    if (std::filesystem::exists(std::string(SIGNET_SOURCE_DIR) + "/.git")) {
        // Built from a checkout: the commit is 40 hex digits and the date is ISO 8601 UTC.
        EXPECT_TRUE(
            std::regex_match(fields["gitCommit"].get<std::string>(), std::regex("[0-9a-f]{40}")))
            << result.out;
        EXPECT_TRUE(std::regex_match(fields["buildDate"].get<std::string>(),
                                     std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
            << result.out;
        EXPECT_TRUE(fields["gitTreeState"] == "clean" || fields["gitTreeState"] == "dirty");
    }
    auto text = runSignet({"version"}, {});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_EQ(text.out.rfind(std::string("signet ") + SIGNET_VERSION + "\n", 0), 0u) << text.out;
    EXPECT_NE(text.out.find("GitCommit:     " + fields["gitCommit"].get<std::string>()),
              std::string::npos)
        << text.out;
    EXPECT_EQ(runSignet({"version", "extra"}, {}).exitCode, 1);
}

}  // namespace
}  // namespace signet::testing
