// Randomized robustness: the YAML loader, the list splitter, the environment overlay and the flag
// parser must only ever return or throw signet::Error, on any input, within bounded time.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "config/RunFlags.h"
#include "config/SettingApplier.h"
#include "config/SettingTable.h"
#include "config/TaskSpecLoader.h"
#include "config/TaskYaml.h"
#include "config/ValueParsing.h"
#include "error/Error.h"
#include "harness/Paths.h"

namespace signet::config {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeBudget = std::chrono::seconds(8);

std::string mutate(std::string text, std::mt19937& rng) {
    static const std::string kPieces[] = {":",  "-", "[",    "]",  "{",   "}",  "\n", " ",
                                          "\t", "'", "\"",   "&a", "*a",  "!!", "?",  "#",
                                          "|",  ">", "\xff", "\0", "---", ",",  "%",  "@"};
    std::uniform_int_distribution<int> edits(1, 8);
    const int count = edits(rng);
    for (int i = 0; i < count && !text.empty(); ++i) {
        std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
        const std::size_t pos = at(rng);
        switch (rng() % 5) {
            case 0:
                text.erase(pos, 1 + rng() % 12);
                break;
            case 1:
                text.insert(pos, kPieces[rng() % std::size(kPieces)]);
                break;
            case 2:
                text[pos] = static_cast<char>(rng() % 256);
                break;
            case 3:
                text.insert(pos, text.substr(pos / 2, 1 + rng() % 40));
                break;
            default:
                std::swap(text[pos], text[at(rng)]);
                break;
        }
    }
    return text;
}

std::string randomText(std::mt19937& rng, std::size_t maxSize) {
    static const std::string kAlphabet = "abcxyz019:-_/@.,= \n\t\r[]{}\"'#&*!|>%";
    std::string text(rng() % maxSize, ' ');
    for (char& c : text) {
        c = rng() % 8 == 0 ? static_cast<char>(rng() % 256) : kAlphabet[rng() % kAlphabet.size()];
    }
    return text;
}

// Runs `body` with signet::Error allowed and any other exception a failure.
template <typename Body>
void expectOnlySignetErrors(const std::string& input, Body body) {
    try {
        body();
    } catch (const Error&) {
    } catch (const std::exception& e) {
        FAIL() << "non-signet exception " << e.what() << " for input:\n" << input;
    }
}

TEST(ConfigRobustness, YamlLoaderOnMutatedAndRandomDocuments) {
    std::mt19937 rng(20261122);
    const std::string example = testing::readFile(testing::sourceDir() + "/task/signet.yaml");
    const auto start = Clock::now();
    int runs = 0;
    for (; runs < 3000 && Clock::now() - start < kTimeBudget; ++runs) {
        const std::string text = runs % 4 == 3 ? randomText(rng, 300) : mutate(example, rng);
        expectOnlySignetErrors(text, [&] {
            TaskSpec spec;
            applySettings(spec, parseTaskYaml(text, "fuzz.yaml"));
            validateTaskSpec(spec);
        });
        if (HasFatalFailure()) return;
    }
    EXPECT_GT(runs, 100);
}

TEST(ConfigRobustness, DeeplyNestedYamlIsAnErrorNotACrash) {
    for (const std::string& open : {std::string("["), std::string("{a: "), std::string("- ")}) {
        std::string text = "images: ";
        for (int i = 0; i < 20000; ++i) text += open;
        expectOnlySignetErrors("(deep " + open + ")", [&] {
            TaskSpec spec;
            applySettings(spec, parseTaskYaml(text, "deep.yaml"));
        });
    }
}

TEST(ConfigRobustness, ListSplitterKeepsEveryNonSeparatorCharacterInOrder) {
    std::mt19937 rng(7);
    const std::string separators = "\n\r, \t";
    for (int run = 0; run < 5000; ++run) {
        std::string text = randomText(rng, 120);
        for (char& c : text) {
            if (c == '\f' || c == '\v') c = 'f';  // trimmed but not separators
        }
        const auto items = splitList(text);
        std::string joined;
        for (const auto& item : items) {
            ASSERT_FALSE(item.empty());
            ASSERT_EQ(item.find_first_of(separators), std::string::npos) << item;
            joined += item;
        }
        std::string expected;
        for (char c : text) {
            if (separators.find(c) == std::string::npos) expected += c;
        }
        ASSERT_EQ(joined, expected) << text;
    }
}

TEST(ConfigRobustness, EnvironmentWithRandomValues) {
    std::mt19937 rng(99);
    std::vector<std::string> names = {"GITHUB_ACTIONS"};
    for (const auto& def : settingTable()) {
        for (const auto& name : def.env) names.push_back(name);
    }
    const auto start = Clock::now();
    for (int run = 0; run < 2000 && Clock::now() - start < kTimeBudget; ++run) {
        std::map<std::string, std::string> vars;
        for (const auto& name : names) {
            if (rng() % 3 == 0) vars[name] = randomText(rng, 40);
        }
        if (rng() % 2 == 0) vars["GITHUB_ACTIONS"] = "true";
        vars["INPUT_" + std::string(rng() % 2 ? "FAIL-ON" : "SBOM")] = randomText(rng, 10);
        expectOnlySignetErrors("(environment)", [&] { loadTaskSpec({}, Environment(vars)); });
        if (HasFatalFailure()) return;
    }
}

TEST(ConfigRobustness, FlagParserWithRandomArguments) {
    std::mt19937 rng(5);
    std::vector<std::string> words = {"--config", "--no-recursive", "--x", "", "a=b", "true"};
    for (const auto& def : settingTable()) {
        for (const auto& flag : def.flags) words.push_back(flag);
    }
    for (int run = 0; run < 3000; ++run) {
        std::vector<std::string> args;
        const std::size_t count = rng() % 8;
        for (std::size_t i = 0; i < count; ++i) {
            args.push_back(rng() % 3 == 0 ? randomText(rng, 12) : words[rng() % words.size()]);
            if (rng() % 4 == 0) args.back() += "=" + randomText(rng, 6);
        }
        expectOnlySignetErrors("(flags)", [&] {
            TaskSpec spec;
            applyRunFlags(spec, parseRunFlags(args));
        });
        if (HasFatalFailure()) return;
    }
}

}  // namespace
}  // namespace signet::config
