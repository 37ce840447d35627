// CommandLine: the one flag grammar of every signet command, `signet run` and the subcommands
// alike: `--name`, `--name VALUE`, `--name=VALUE`, short aliases, `--` ending the flags,
// `--help`/`-h`, did-you-mean on an unknown flag, and each usage error naming the command's help.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace signet::config {

// Thrown for --help/-h; the dispatcher prints `usage` and exits 0.
struct HelpRequested {
    std::string usage;
};

enum class FlagArity {
    Switch,  // `--name` (true) or `--name=VALUE`
    Value,   // `--name VALUE` or `--name=VALUE`
    Spread,  // like Value, and also takes every following argument up to the next flag
};

struct FlagSpec {
    std::vector<std::string> names;  // "--long" and "-s" forms
    FlagArity arity = FlagArity::Value;
    // Switch only: `--no-NAME` means "false", and a following true/false/yes/no/1/0 word (or an
    // empty argument: a Tekton param left empty) is the switch's value. `signet run` takes its
    // booleans so; the subcommands take them as cosign (pflag) does, never eating the next word.
    bool negatable = false;
    // Told the name as written and the value ("true" for a bare switch, "false" for --no-).
    // May throw Error(Usage); the command's help is then named.
    std::function<void(const std::string& name, const std::string& value)> take;
};

class CommandLine {
  public:
    // `command` names the command in messages: "run", "sign", "attach sbom".
    explicit CommandLine(std::string command) : command_(std::move(command)) {}

    void add(FlagSpec spec);
    // Parses `args` (without the program name and command), calling each flag's take() in order;
    // returns the positional arguments. Throws Error(Usage) naming the flag, or HelpRequested
    // with `usage` for --help/-h.
    std::vector<std::string> parse(const std::vector<std::string>& args,
                                   const std::string& usage) const;

  private:
    const FlagSpec* find(const std::string& name) const;
    [[noreturn]] void fail(const std::string& message) const;

    std::string command_;
    std::vector<FlagSpec> specs_;
};

// True for "--name…" and "-n…": what ends a Spread flag's values and is no flag's value.
bool looksLikeFlag(const std::string& arg);

}  // namespace signet::config
