#include "cli/ArgumentParser.h"

#include "cli/CsvFlagValue.h"
#include "config/HelpLayout.h"

#include <sstream>

#include "config/DidYouMean.h"
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

void ArgumentParser::unsupported(const std::string& names, const std::string& instead) {
    specs_.push_back({splitNames(names), Kind::Unsupported, nullptr, instead});
}

const ArgumentParser::Spec* ArgumentParser::find(const std::string& name) const {
    for (const auto& spec : specs_) {
        for (const auto& candidate : spec.names) {
            if (candidate == name) return &spec;
        }
    }
    return nullptr;
}

std::vector<std::string> ArgumentParser::parse(const std::vector<std::string>& args) const {
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            positional.insert(positional.end(), args.begin() + static_cast<long>(i) + 1,
                              args.end());
            break;
        }
        if (arg.size() < 2 || arg[0] != '-') {
            positional.push_back(arg);
            continue;
        }
        if (arg == "--help" || arg == "-h") throw HelpRequested{usage()};
        auto eq = arg.find('=');
        std::string name = arg.substr(0, eq);
        const Spec* spec = find(name);
        if (!spec) {
            std::vector<std::string> known;
            for (const auto& each : specs_)
                known.insert(known.end(), each.names.begin(), each.names.end());
            throw Error(ErrorKind::Usage, "unknown flag " + name + config::didYouMean(name, known) +
                                              " (see signet " + command_ + " --help)");
        }
        if (spec->kind == Kind::Unsupported) {
            throw Error(ErrorKind::Usage, name + " (a cosign flag) is not supported by signet " +
                                              command_ + ": " + spec->help);
        }
        if (spec->kind == Kind::Flag) {
            if (eq != std::string::npos) {
                std::string value = arg.substr(eq + 1);
                if (value != "true" && value != "false") {
                    throw Error(ErrorKind::Usage, name + " takes true or false");
                }
                *static_cast<bool*>(spec->target) = value == "true";
            } else {
                *static_cast<bool*>(spec->target) = true;
            }
            continue;
        }
        std::string value;
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw Error(ErrorKind::Usage, name + " needs a value");
        }
        if (spec->kind == Kind::Option) {
            *static_cast<std::string*>(spec->target) = value;
        } else if (spec->kind == Kind::CsvList) {
            auto* list = static_cast<std::vector<std::string>*>(spec->target);
            for (auto& field : csvFlagFields(value, name)) list->push_back(std::move(field));
        } else {
            static_cast<std::vector<std::string>*>(spec->target)->push_back(value);
        }
    }
    return positional;
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
