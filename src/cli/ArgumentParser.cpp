#include "cli/ArgumentParser.h"

#include "cli/CsvFlagValue.h"
#include "config/HelpLayout.h"

#include <sstream>

#include "error/Error.h"

namespace signet::cli {
namespace {

std::vector<std::string> splitNames(const std::string& names) {
    std::vector<std::string> out;
    std::stringstream stream(names);
    std::string name;
    while (std::getline(stream, name, ',')) out.push_back(name);
    return out;
}

}  // namespace

void ArgumentParser::flag(const std::string& names, bool* target, const std::string& help) {
    specs_.push_back({splitNames(names), Kind::Flag, target, help});
}

void ArgumentParser::option(const std::string& names, std::string* target,
                            const std::string& help) {
    specs_.push_back({splitNames(names), Kind::Option, target, help});
}

void ArgumentParser::repeated(const std::string& names, std::vector<std::string>* target,
                              const std::string& help) {
    specs_.push_back({splitNames(names), Kind::Repeated, target, help});
}

void ArgumentParser::csvList(const std::string& names, std::vector<std::string>* target,
                             const std::string& help) {
    specs_.push_back({splitNames(names), Kind::CsvList, target, help});
}

void ArgumentParser::flag(const std::string& names, std::optional<bool>* target,
                          const std::string& help) {
    specs_.push_back({splitNames(names), Kind::OptionalFlag, target, help});
}

void ArgumentParser::unsupported(const std::string& names, const std::string& instead) {
    specs_.push_back({splitNames(names), Kind::Unsupported, nullptr, instead});
}

std::vector<std::string> ArgumentParser::parse(const std::vector<std::string>& args) const {
    config::CommandLine line(command_);
    for (const auto& spec : specs_) {
        config::FlagSpec flag;
        flag.names = spec.names;
        // An unsupported flag is refused as soon as it is met, with or without a value.
        flag.arity = spec.kind == Kind::Flag || spec.kind == Kind::OptionalFlag ||
                             spec.kind == Kind::Unsupported
                         ? config::FlagArity::Switch
                         : config::FlagArity::Value;
        flag.take = [this, &spec](const std::string& name, const std::string& value) {
            switch (spec.kind) {
                case Kind::Flag:
                case Kind::OptionalFlag:
                    if (value != "true" && value != "false")
                        throw Error(ErrorKind::Usage, name + " takes true or false");
                    if (spec.kind == Kind::Flag)
                        *static_cast<bool*>(spec.target) = value == "true";
                    else
                        *static_cast<std::optional<bool>*>(spec.target) = value == "true";
                    break;
                case Kind::Option:
                    *static_cast<std::string*>(spec.target) = value;
                    break;
                case Kind::Repeated:
                    static_cast<std::vector<std::string>*>(spec.target)->push_back(value);
                    break;
                case Kind::CsvList: {
                    auto* list = static_cast<std::vector<std::string>*>(spec.target);
                    for (auto& field : csvFlagFields(value, name))
                        list->push_back(std::move(field));
                    break;
                }
                case Kind::Unsupported:
                    throw Error(ErrorKind::Usage, name +
                                                      " (a cosign flag) is not supported by "
                                                      "signet " +
                                                      command_ + ": " + spec.help);
            }
        };
        line.add(std::move(flag));
    }
    return line.parse(args, usage());
}

std::string ArgumentParser::parseOne(const std::vector<std::string>& args) const {
    auto positional = parse(args);
    if (positional.size() != 1) {
        throw Error(ErrorKind::Usage,
                    "takes exactly one image reference, got " + std::to_string(positional.size()));
    }
    return positional[0];
}

std::string ArgumentParser::usage() const {
    std::ostringstream out;
    out << "usage: signet " << command_ << " [flags] " << positional_ << "\n\nflags:\n";
    for (const auto& spec : specs_) {
        std::string names;
        for (const auto& name : spec.names) {
            if (!names.empty()) names += ", ";
            names += name;
        }
        if (spec.kind == Kind::Option || spec.kind == Kind::Repeated || spec.kind == Kind::CsvList)
            names += " VALUE";
        out << config::helpLine(
            names,
            (spec.kind == Kind::Unsupported ? "not supported: " : "") + spec.help +
                (spec.kind == Kind::Repeated || spec.kind == Kind::CsvList ? " (repeatable)" : ""));
    }
    return out.str();
}

}  // namespace signet::cli
