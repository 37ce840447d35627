// Tests for the registry options config/ reads from the environment.
#include "config/RegistryFromEnvironment.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::config {
namespace {

using Vars = std::map<std::string, std::string>;

TEST(RegistryOptions, Defaults) {
    oci::RegistryOptions options = registryOptionsFromEnvironment(Environment());
    EXPECT_TRUE(options.insecureHosts.empty());
    EXPECT_EQ(options.caFile, "");
    EXPECT_EQ(options.retries, 3);
    EXPECT_FALSE(options.credentials.has_value());
    EXPECT_EQ(options.userAgent, std::string("signet/") + SIGNET_VERSION);
}

TEST(RegistryOptions, FromEnvironment) {
    Environment env(Vars{{"SIGNET_INSECURE_REGISTRIES", "127.0.0.1:5000, localhost:5001,docker.io"},
                         {"SIGNET_REGISTRY_CA", "/etc/hostname"},
                         {"SIGNET_RETRIES", "5"},
                         {"SIGNET_REQUEST_TIMEOUT", "7"},
                         {"SIGNET_REGISTRY_USERNAME", "u"},
                         {"SIGNET_REGISTRY_PASSWORD", "p"},
                         {"SIGNET_REGISTRY", "ghcr.io"}});
    oci::RegistryOptions options = registryOptionsFromEnvironment(env);
    EXPECT_EQ(options.insecureHosts,
              (std::set<std::string>{"127.0.0.1:5000", "localhost:5001", "index.docker.io"}));
    EXPECT_EQ(options.caFile, "/etc/hostname");
    EXPECT_EQ(options.retries, 5);
    EXPECT_EQ(options.timeout.count(), 7);
    ASSERT_TRUE(options.credentials.has_value());
    EXPECT_EQ(options.credentials->credentials.username, "u");
    EXPECT_EQ(options.credentials->credentials.password, "p");
    EXPECT_TRUE(options.credentials->appliesTo("ghcr.io"));
    EXPECT_FALSE(options.credentials->appliesTo("quay.io"));
}

TEST(RegistryOptions, CosignAliasesAndToken) {
    Environment env(Vars{{"COSIGN_REGISTRY_TOKEN", "tok"}});
    oci::RegistryOptions options = registryOptionsFromEnvironment(env);
    ASSERT_TRUE(options.credentials.has_value());
    EXPECT_EQ(options.credentials->credentials.registryToken, "tok");
    EXPECT_TRUE(options.credentials->appliesTo("anything.io"));
}

TEST(RegistryOptions, BadValuesNameTheVariable) {
    struct Case {
        std::map<std::string, std::string> vars;
        std::string fragment;
    };
    for (const Case& c : std::vector<Case>{
             {{{"SIGNET_RETRIES", "many"}}, "SIGNET_RETRIES"},
             {{{"SIGNET_RETRIES", "-1"}}, "SIGNET_RETRIES"},
             {{{"SIGNET_RETRIES", "999"}}, "SIGNET_RETRIES"},
             {{{"SIGNET_REQUEST_TIMEOUT", "0"}}, "SIGNET_REQUEST_TIMEOUT"},
             {{{"SIGNET_REGISTRY_CA", "/nonexistent/ca.pem"}}, "SIGNET_REGISTRY_CA"},
             {{{"SIGNET_REGISTRY_USERNAME", "u"}}, "SIGNET_REGISTRY_PASSWORD"},
         }) {
        try {
            registryOptionsFromEnvironment(Environment(c.vars));
            ADD_FAILURE() << c.fragment;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config);
            EXPECT_NE(std::string(e.what()).find(c.fragment), std::string::npos) << e.what();
        }
    }
}

// signet run's options come from its task, each setting parsed once by the table; only the
// process settings (request timeout, the credentials' registry) are read from the environment.
TEST(RegistryOptions, ForATaskComeFromTheTaskNotFromTheVariablesAgain) {
    TaskSpec spec;
    spec.registry.insecure = {"docker.io", "127.0.0.1:5000"};
    spec.registry.retries = 7;
    spec.registry.username = "bot";
    spec.registry.password = Secret("pw");
    Environment env(Vars{{"SIGNET_RETRIES", "not read here"},
                         {"SIGNET_INSECURE_REGISTRIES", "not.read.io"},
                         {"SIGNET_REQUEST_TIMEOUT", "9"},
                         {"SIGNET_REGISTRY", "docker.io"}});
    oci::RegistryOptions options = registryOptionsFor(spec, env);
    EXPECT_EQ(options.insecureHosts, (std::set<std::string>{"index.docker.io", "127.0.0.1:5000"}));
    EXPECT_EQ(options.retries, 7);
    EXPECT_EQ(options.timeout, std::chrono::seconds(9));
    ASSERT_TRUE(options.credentials);
    EXPECT_EQ(options.credentials->credentials.username, "bot");
    EXPECT_EQ(options.credentials->credentials.password, "pw");
    EXPECT_EQ(options.credentials->host, "index.docker.io");
    spec.registry.caFile = "/nonexistent/ca.pem";
    spec.origins["registry.ca_file"] = "--registry-ca";
    try {
        registryOptionsFor(spec, env);
        ADD_FAILURE() << "a missing CA file accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_NE(std::string(e.what()).find("--registry-ca"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace signet::config
