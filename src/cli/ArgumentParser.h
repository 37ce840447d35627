// ArgumentParser: the flags of one subcommand, bound to variables, on the one grammar of every
// command (config/CommandLine.h) with cosign's (pflag's) meaning of each kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/CommandLine.h"

namespace signet::cli {

// Thrown by parse() when --help/-h is given; dispatch prints `usage` and exits 0.
using HelpRequested = config::HelpRequested;

class ArgumentParser {
  public:
    // `positional` names the arguments in the usage line, e.g. "REF" or "REF...".
    ArgumentParser(std::string command, std::string positional)
        : command_(std::move(command)), positional_(std::move(positional)) {}

    // A boolean switch: `--name` sets *target to true.
    void flag(const std::string& names, bool* target, const std::string& help);
    // The same, leaving *target unset when the switch is not given.
    void flag(const std::string& names, std::optional<bool>* target, const std::string& help);
    // A single value: `--name V` or `--name=V`; given twice, the last wins.
    void option(const std::string& names, std::string* target, const std::string& help);
    // A value that may be repeated: each occurrence appends.
    void repeated(const std::string& names, std::vector<std::string>* target,
                  const std::string& help);
    // A list flag read as pflag's string slices are (cosign's -a): each occurrence appends the
    // comma-separated fields of its value (CsvFlagValue.h).
    void csvList(const std::string& names, std::vector<std::string>* target,
                 const std::string& help);
    // A flag cosign has and signet does not implement: refused by name, saying what to use
    // `instead` (never silently ignored). Listed in the help.
    void unsupported(const std::string& names, const std::string& instead);

    // Parses args; returns the positional arguments. Throws Error(Usage) naming the bad flag,
    // or HelpRequested for --help/-h. `names` above is "--long" or "--long,-s".
    std::vector<std::string> parse(const std::vector<std::string>& args) const;
    // parse(), requiring exactly one positional argument (an image reference).
    std::string parseOne(const std::vector<std::string>& args) const;

    std::string usage() const;

  private:
    enum class Kind { Flag, OptionalFlag, Option, Repeated, CsvList, Unsupported };
    struct Spec {
        std::vector<std::string> names;
        Kind kind;
        void* target;
        std::string help;
    };

    std::string command_;
    std::string positional_;
    std::vector<Spec> specs_;
};

}  // namespace signet::cli
