// ArgumentParser: flags of one subcommand (--name, --name VALUE, --name=VALUE, repeated, aliases).
#pragma once

#include <string>
#include <vector>

namespace signet::cli {

class ArgumentParser {
public:
    explicit ArgumentParser(std::string command) : command_(std::move(command)) {}

    // A boolean switch: `--name` sets *target to true.
    void flag(const std::string& names, bool* target, const std::string& help);
    // A single value: `--name V` or `--name=V`; given twice, the last wins.
    void option(const std::string& names, std::string* target, const std::string& help);
    // A value that may be repeated: each occurrence appends.
    void repeated(const std::string& names, std::vector<std::string>* target,
                  const std::string& help);

    // Parses args; returns the positional arguments. Throws Error(Usage) naming the bad flag.
    // `names` above is "--long" or "--long,-s".
    std::vector<std::string> parse(const std::vector<std::string>& args) const;

    std::string usage(const std::string& positional) const;

private:
    enum class Kind { Flag, Option, Repeated };
    struct Spec {
        std::vector<std::string> names;
        Kind kind;
        void* target;
        std::string help;
    };
    const Spec* find(const std::string& name) const;

    std::string command_;
    std::vector<Spec> specs_;
};

}  // namespace signet::cli
