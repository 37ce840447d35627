// Tests for reading the Kubernetes client configuration from a kubeconfig or the in-cluster files.
#include "crypto/KubernetesConfig.h"

#include <gtest/gtest.h>

#include "config/KeySourceFromEnvironment.h"

#include "crypto/Encoding.h"
#include "crypto/KubernetesSecret.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/crypto/Mutation.h"
#include "unit/crypto/TempDir.h"

namespace signet::crypto {
namespace {

using signet::testing::TempDir;
using signet::testing::writeFile;
using Vars = std::map<std::string, std::string>;

std::string kubeconfig(const std::string& cluster, const std::string& user) {
    return "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
           "clusters:\n- name: k\n  cluster:\n    server: https://k8s.example:6443\n" +
           cluster + "users:\n- name: u\n  user:\n" + user;
}

std::string errorOf(const Environment& env) {
    try {
        loadKubernetesConfig(config::kubernetesAccessFromEnvironment(env), "k8s://ns/s");
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config) << e.what();
        EXPECT_NE(std::string(e.what()).find("k8s://ns/s"), std::string::npos) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}

TEST(KubernetesConfig, KubeconfigPathsAreRelativeToTheFile) {
    TempDir dir;
    writeFile(dir.file("ca.pem"), "CA");
    writeFile(dir.file("tok"), "file-token");
    writeFile(dir.file("key.pem"), "KEY");
    writeFile(
        dir.file("config"),
        kubeconfig("    certificate-authority: ca.pem\n",
                   "    tokenFile: tok\n    client-certificate-data: " + base64Encode("CERT") +
                       "\n    client-key: " + dir.file("key.pem") + "\n"));
    // KUBECONFIG is a ':' list: the first existing file is used.
    auto config = loadKubernetesConfig(
        config::kubernetesAccessFromEnvironment(
            Environment(Vars{{"KUBECONFIG", dir.file("absent") + ":" + dir.file("config")}})),
        "ref");
    EXPECT_EQ(config.server, "https://k8s.example:6443");
    EXPECT_EQ(config.caPem, "CA");
    EXPECT_EQ(config.token.view(), "file-token");
    EXPECT_EQ(config.clientCertPem.view(), "CERT");
    EXPECT_EQ(config.clientKeyPem.view(), "KEY");
}

TEST(KubernetesConfig, HomeKubeConfigIsTheDefault) {
    TempDir home;
    std::filesystem::create_directory(home.file(".kube"));
    writeFile(home.file(".kube/config"),
              kubeconfig("    certificate-authority-data: " + base64Encode("CA") + "\n",
                         "    token: inline\n"));
    auto config = loadKubernetesConfig(
        config::kubernetesAccessFromEnvironment(
            Environment(Vars{{"HOME", home.path()}, {"KUBERNETES_SERVICE_HOST", "10.0.0.1"}})),
        "ref");
    EXPECT_EQ(config.caPem, "CA");
    EXPECT_EQ(config.token.view(), "inline");
}

TEST(KubernetesConfig, InClusterUsesTheServiceAccountDirectory) {
    TempDir sa;
    writeFile(sa.file("token"), "sa-token");
    writeFile(sa.file("ca.crt"), "SA-CA");
    Environment env(Vars{{"KUBERNETES_SERVICE_HOST", "fd00::1"},
                         {"KUBERNETES_SERVICE_PORT", "443"},
                         {"SIGNET_K8S_SERVICEACCOUNT_DIR", sa.path()}});
    auto config = loadKubernetesConfig(config::kubernetesAccessFromEnvironment(env), "ref");
    EXPECT_EQ(config.server, "https://[fd00::1]:443");
    EXPECT_EQ(config.token.view(), "sa-token");
    EXPECT_EQ(config.caPem, "SA-CA");
    env.set("SIGNET_K8S_SERVICEACCOUNT_DIR", sa.file("missing"));
    try {
        loadKubernetesConfig(config::kubernetesAccessFromEnvironment(env), "k8s://ns/s");
        FAIL() << "missing service-account files accepted";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("key reference k8s://ns/s: cannot read", 0), 0u)
            << e.what();
    }
}

TEST(KubernetesConfig, UnsupportedOrBrokenConfigurationsAreClear) {
    TempDir dir;
    Environment env(Vars{{"KUBECONFIG", dir.file("config")}});
    writeFile(dir.file("config"),
              kubeconfig("    insecure-skip-tls-verify: true\n", "    token: t\n"));
    EXPECT_NE(errorOf(env).find("insecure-skip-tls-verify is not supported"), std::string::npos);
    writeFile(dir.file("config"),
              kubeconfig("", "    exec:\n      command: aws\n      apiVersion: v1beta1\n"));
    EXPECT_NE(errorOf(env).find("exec/auth-provider"), std::string::npos);
    writeFile(dir.file("config"), "apiVersion: v1\nclusters: []\n");
    EXPECT_NE(errorOf(env).find("has no current-context"), std::string::npos);
    writeFile(dir.file("config"), "current-context: c\ncontexts: []\n");
    EXPECT_NE(errorOf(env).find("no contexts entry named c"), std::string::npos);
    writeFile(dir.file("config"), kubeconfig("    certificate-authority-data: '***'\n", ""));
    EXPECT_NE(errorOf(env).find("certificate-authority-data is not base64"), std::string::npos);
    writeFile(dir.file("config"), "current-context: {a: [\n");
    EXPECT_NE(errorOf(env).find("is not valid"), std::string::npos);
    writeFile(dir.file("config"), "current-context: [1, 2]\ncontexts: 7\n");
    errorOf(env);
    EXPECT_NE(errorOf(Environment()).find("set KUBECONFIG or run inside a cluster"),
              std::string::npos);
}

// Randomized robustness: mutated kubeconfig YAML only ever loads or throws signet::Error.
TEST(KubernetesConfig, MutatedKubeconfigOnlyThrowsSignetErrors) {
    TempDir dir;
    writeFile(dir.file("ca.pem"), "CA");
    std::string seed = kubeconfig("    certificate-authority: ca.pem\n",
                                  "    token: t\n    client-key-data: " + base64Encode("K") + "\n");
    Environment env(Vars{{"KUBECONFIG", dir.file("config")}});
    std::mt19937 rng(7);
    for (int i = 0; i < 1500; ++i) {
        writeFile(dir.file("config"), signet::testing::mutate(seed, rng));
        try {
            loadKubernetesConfig(config::kubernetesAccessFromEnvironment(env), "k8s://ns/s");
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "iteration " << i << ": non-signet exception " << e.what();
        }
    }
}

TEST(KubernetesSecret, MalformedServerUrlIsAConfigError) {
    for (std::string server : {"", "https://", "http://[::1"}) {
        KubernetesConfig config;
        config.server = server;
        try {
            readKubernetesSecret(config, "ns", "s", "k8s://ns/s", {});
            ADD_FAILURE() << server;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << server << ": " << e.what();
        }
    }
}

}  // namespace
}  // namespace signet::crypto
