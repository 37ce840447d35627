// Randomized robustness test: mutated PEM, JSON and DER key inputs must only ever load or throw
// signet::Error (never crash, hang or throw anything else). Deterministic seed, bounded time.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <random>

#include "crypto/EncryptedKeyFile.h"
#include "crypto/Pem.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/crypto/Mutation.h"

namespace signet::crypto {
namespace {

using signet::testing::fixture;
using signet::testing::mutate;
using signet::testing::readFile;

constexpr auto kBudget = std::chrono::seconds(4);
constexpr int kMaxIterations = 4000;

// Runs `parse` on mutations of `seeds` until the budget or iteration cap; returns how many
// inputs parsed successfully (some mutations are harmless, e.g. in trailing text).
int fuzz(const std::vector<std::string>& seeds,
         const std::function<void(const std::string&)>& parse, unsigned seed) {
    std::mt19937 rng(seed);
    auto deadline = std::chrono::steady_clock::now() + kBudget;
    int accepted = 0;
    for (int i = 0; i < kMaxIterations && std::chrono::steady_clock::now() < deadline; ++i) {
        std::string input = mutate(seeds[rng() % seeds.size()], rng);
        try {
            parse(input);
            ++accepted;
        } catch (const Error& e) {
            std::string message = e.what();
            EXPECT_FALSE(message.empty());
            EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        } catch (const std::exception& e) {
            ADD_FAILURE() << "non-signet exception (seed " << seed << ", iteration " << i
                          << "): " << e.what();
        }
    }
    return accepted;
}

std::string key(const std::string& name) {
    return readFile(fixture("interop/cosign-keys/" + name));
}

TEST(KeyParserRobustness, MutatedPlainPrivateKeyPem) {
    std::vector<std::string> seeds;
    for (auto name :
         {"validecp256.pem", "validecp384.pem", "validecp521.pem", "validrsa.pem",
          "validrsapkcs8.pem", "ed25519key.pem", "invalidecp224.pem", "invalidkey.pem"}) {
        seeds.push_back(key(name));
    }
    fuzz(
        seeds, [](const std::string& in) { PrivateKey::fromUnencryptedPem(in, "fuzz"); }, 1);
}

TEST(KeyParserRobustness, MutatedPublicKeyPem) {
    std::vector<std::string> seeds = {readFile(fixture("interop/containers-image/cosign.pub")),
                                      readFile(fixture("interop/containers-image/rekor.pub")),
                                      key("invalidrsawithpubkey.pem")};
    fuzz(
        seeds, [](const std::string& in) { PublicKey::fromPem(in, "fuzz"); }, 2);
}

TEST(KeyParserRobustness, MutatedPkcs8Der) {
    std::vector<std::string> seeds;
    for (auto name : {"validecpkcs8.pem", "validrsapkcs8.pem", "ed25519key.pem"}) {
        seeds.emplace_back(decodeFirstPem(key(name))->bytes.view());
    }
    fuzz(
        seeds, [](const std::string& in) { PrivateKey::fromPkcs8(SecretBytes(in), "fuzz"); }, 3);
}

// Mutating the PEM text mostly breaks base64; mutating the JSON body reaches the key JSON parser.
// Inputs that survive up to scrypt cost ~0.1 s each, so both run under the same time budget.
TEST(KeyParserRobustness, MutatedEncryptedKeyPemAndJson) {
    std::vector<std::string> pems = {key("pemsigstorekey.pem"), key("pemcosignkey.pem")};
    SecretBytes password("hello");
    fuzz(
        pems, [&](const std::string& in) { decryptKeyFile(in, password, "fuzz"); }, 4);
    std::vector<std::string> bodies;
    for (const auto& pem : pems) bodies.emplace_back(decodeFirstPem(pem)->bytes.view());
    fuzz(
        bodies,
        [&](const std::string& body) {
            decryptKeyFile(encodePem("ENCRYPTED SIGSTORE PRIVATE KEY", body), password, "fuzz");
        },
        5);
}

}  // namespace
}  // namespace signet::crypto
