#include "config/StoreSettingsFromEnvironment.h"

#include <gtest/gtest.h>

#include "config/SourceDateEpoch.h"
#include "error/Error.h"

namespace signet::config {
namespace {

using Vars = std::map<std::string, std::string>;

TEST(StoreSettingsFromEnvironment, DefaultsAreCosignsLayoutAndTheRaceSafeWindow) {
    cosign::StoreSettings settings = storeSettingsFromEnvironment(Environment());
    EXPECT_FALSE(settings.dockerMediaTypes);
    EXPECT_FALSE(settings.repository.has_value());
    EXPECT_EQ(settings.settle, std::chrono::milliseconds(250));
    auto image = oci::Reference::parse("ghcr.io/org/app").repository;
    EXPECT_EQ(settings.attachmentsFor(image), image);
}

TEST(StoreSettingsFromEnvironment, CosignRepositoryReplacesTheWholeRepository) {
    auto image = oci::Reference::parse("ghcr.io/org/app").repository;
    auto settings = storeSettingsFromEnvironment(
        Environment(Vars{{"COSIGN_REPOSITORY", "registry.example.com/sigs"}}));
    oci::Repository target = settings.attachmentsFor(image);
    EXPECT_EQ(target.registry, "registry.example.com");
    EXPECT_EQ(target.path, "sigs");  // nothing of "org/app" is appended
    EXPECT_EQ(storeSettingsFromEnvironment(Environment(Vars{{"COSIGN_REPOSITORY", "sigs"}}))
                  .attachmentsFor(image)
                  .name(),
              "index.docker.io/library/sigs");
    EXPECT_FALSE(storeSettingsFromEnvironment(Environment(Vars{{"COSIGN_REPOSITORY", ""}}))
                     .repository.has_value());
}

TEST(StoreSettingsFromEnvironment, BadValuesAreConfigErrorsNamingTheVariable) {
    for (const auto& [name, bad] : std::vector<std::pair<std::string, std::string>>{
             {"COSIGN_REPOSITORY", "r.io/sigs:v1"},
             {"COSIGN_REPOSITORY", "Bad Repo"},
             {"COSIGN_REPOSITORY", "r.io/x@sha256:abc"},
             {"SIGNET_WRITE_SETTLE_MS", "1s"},
             {"SIGNET_WRITE_SETTLE_MS", "-5"},
             {"SIGNET_WRITE_SETTLE_MS", "10000000"}}) {
        try {
            storeSettingsFromEnvironment(Environment(Vars{{name, bad}}));
            ADD_FAILURE() << name << "=" << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << bad;
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    }
}

TEST(StoreSettingsFromEnvironment, SettleAndDockerMediaTypes) {
    auto settings = storeSettingsFromEnvironment(
        Environment(Vars{{"SIGNET_WRITE_SETTLE_MS", "0"}, {"COSIGN_DOCKER_MEDIA_TYPES", "1"}}));
    EXPECT_EQ(settings.settle, std::chrono::milliseconds(0));
    EXPECT_TRUE(settings.dockerMediaTypes);
}

TEST(SourceDateEpoch, SecondsOrUnsetOrAConfigError) {
    EXPECT_FALSE(sourceDateEpoch(Environment()).has_value());
    EXPECT_FALSE(sourceDateEpoch(Environment(Vars{{"SOURCE_DATE_EPOCH", ""}})).has_value());
    EXPECT_EQ(sourceDateEpoch(Environment(Vars{{"SOURCE_DATE_EPOCH", "1700000000"}})), 1700000000);
    for (const char* bad : {"yesterday", "-1", "1e9", "99999999999999"}) {
        try {
            sourceDateEpoch(Environment(Vars{{"SOURCE_DATE_EPOCH", bad}}));
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << bad;
            EXPECT_NE(std::string(e.what()).find("SOURCE_DATE_EPOCH"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace signet::config
