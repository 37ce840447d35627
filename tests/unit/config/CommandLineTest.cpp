// The one flag grammar of `signet run` and every subcommand.
#include "config/CommandLine.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::config {
namespace {

using Args = std::vector<std::string>;
using Taken = std::vector<std::pair<std::string, std::string>>;

struct Line {
    Taken taken;
    CommandLine line{"demo"};

    Line() {
        add({"--value", "-v"}, FlagArity::Value);
        add({"--list"}, FlagArity::Spread);
        add({"--switch"}, FlagArity::Switch);
        add({"--yesno"}, FlagArity::Switch, true);
        FlagSpec refusing;
        refusing.names = {"--refused"};
        refusing.arity = FlagArity::Switch;
        refusing.take = [](const std::string& name, const std::string&) {
            throw Error(ErrorKind::Usage, name + " is refused");
        };
        line.add(std::move(refusing));
    }
    void add(std::vector<std::string> names, FlagArity arity, bool negatable = false) {
        FlagSpec spec;
        spec.names = std::move(names);
        spec.arity = arity;
        spec.negatable = negatable;
        spec.take = [this](const std::string& name, const std::string& value) {
            taken.emplace_back(name, value);
        };
        line.add(std::move(spec));
    }
    Args parse(const Args& args) { return line.parse(args, "usage: demo"); }
    std::string error(const Args& args) {
        try {
            parse(args);
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage);
            return e.what();
        }
        ADD_FAILURE() << "expected an error";
        return "";
    }
};

TEST(CommandLine, ValuesInlineOrNextShortAliasesAndPositionals) {
    Line l;
    EXPECT_EQ(l.parse({"a", "--value", "1", "-v=2", "b", "--value=", "--", "--value", "c"}),
              (Args{"a", "b", "--value", "c"}));
    EXPECT_EQ(l.taken, (Taken{{"--value", "1"}, {"-v", "2"}, {"--value", ""}}));
}

TEST(CommandLine, ASpreadFlagTakesEveryFollowingArgumentUpToTheNextFlag) {
    Line l;
    EXPECT_EQ(l.parse({"--list", "x", "y", "--switch", "z", "--list", "--list=w"}), (Args{"z"}));
    EXPECT_EQ(l.taken,
              (Taken{{"--list", "x"}, {"--list", "y"}, {"--switch", "true"}, {"--list", "w"}}));
}

TEST(CommandLine, OnlyANegatableSwitchTakesAWordOrANoPrefix) {
    Line l;
    EXPECT_EQ(l.parse({"--switch", "false", "--yesno", "no", "--no-yesno", "--switch=false"}),
              (Args{"false"}));  // cosign's bools never eat the next word
    EXPECT_EQ(l.taken, (Taken{{"--switch", "true"},
                              {"--yesno", "no"},
                              {"--no-yesno", "false"},
                              {"--switch", "false"}}));
    EXPECT_EQ(l.error({"--no-switch"}), "unknown flag --no-switch (see signet demo --help)");
    EXPECT_EQ(l.error({"--no-yesno=1"}), "--no-yesno takes no value (see signet demo --help)");
}

TEST(CommandLine, UsageErrorsNameTheFlagAndTheHelpOnce) {
    Line l;
    EXPECT_EQ(l.error({"--value"}), "--value needs a value (see signet demo --help)");
    // A missing value is not made up from the next flag.
    EXPECT_EQ(l.error({"--value", "--switch"}), "--value needs a value (see signet demo --help)");
    EXPECT_EQ(l.error({"--valeu", "1"}),
              "unknown flag --valeu (did you mean --value?) (see signet demo --help)");
    EXPECT_EQ(l.error({"--refused=x"}), "--refused is refused (see signet demo --help)");
}

TEST(CommandLine, HelpIsAskedForWithEitherSpelling) {
    for (const Args& args : {Args{"--help"}, Args{"x", "-h"}, Args{"--list", "a", "--help"}}) {
        Line l;
        try {
            l.parse(args);
            ADD_FAILURE() << "expected help";
        } catch (const HelpRequested& help) {
            EXPECT_EQ(help.usage, "usage: demo");
        }
    }
}

}  // namespace
}  // namespace signet::config
