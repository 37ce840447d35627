#include "config/CommandLine.h"

#include "config/DidYouMean.h"
#include "error/Error.h"

namespace signet::config {
namespace {

bool isBoolWord(const std::string& text) {
    for (const char* word : {"true", "false", "yes", "no", "1", "0", ""}) {
        if (text == word) return true;
    }
    return false;
}

}  // namespace

bool looksLikeFlag(const std::string& arg) {
    return arg.size() >= 2 && arg[0] == '-' && arg != "--";
}

void CommandLine::add(FlagSpec spec) {
    specs_.push_back(std::move(spec));
}

const FlagSpec* CommandLine::find(const std::string& name) const {
    for (const auto& spec : specs_) {
        for (const auto& candidate : spec.names) {
            if (candidate == name) return &spec;
        }
    }
    return nullptr;
}

void CommandLine::fail(const std::string& message) const {
    throw Error(ErrorKind::Usage, message + " (see signet " + command_ + " --help)");
}

std::vector<std::string> CommandLine::parse(const std::vector<std::string>& args,
                                            const std::string& usage) const {
    std::vector<std::string> positional;
    std::size_t i = 0;
    auto nextValue = [&](const std::string& name) {
        if (i >= args.size() || looksLikeFlag(args[i])) fail(name + " needs a value");
        return args[i++];
    };
    while (i < args.size()) {
        const std::string& arg = args[i++];
        if (arg == "--") {
            positional.insert(positional.end(), args.begin() + static_cast<long>(i), args.end());
            break;
        }
        if (!looksLikeFlag(arg)) {
            positional.push_back(arg);
            continue;
        }
        if (arg == "--help" || arg == "-h") throw HelpRequested{usage};
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        const bool inline_ = eq != std::string::npos;
        const std::string inlineValue = inline_ ? arg.substr(eq + 1) : "";
        const FlagSpec* spec = find(name);
        if (spec == nullptr && name.starts_with("--no-")) {
            const FlagSpec* positive = find("--" + name.substr(5));
            if (positive != nullptr && positive->arity == FlagArity::Switch &&
                positive->negatable) {
                if (inline_) fail(name + " takes no value");
                positive->take(name, "false");
                continue;
            }
        }
        if (spec == nullptr) {
            std::vector<std::string> known;
            for (const auto& each : specs_)
                known.insert(known.end(), each.names.begin(), each.names.end());
            fail("unknown flag " + name + didYouMean(name, known));
        }
        std::vector<std::string> values;
        switch (spec->arity) {
            case FlagArity::Switch:
                values.push_back(inline_ ? inlineValue : "true");
                if (!inline_ && spec->negatable && i < args.size() && isBoolWord(args[i]))
                    values.back() = args[i++];
                break;
            case FlagArity::Value:
                values.push_back(inline_ ? inlineValue : nextValue(name));
                break;
            case FlagArity::Spread:
                if (inline_) values.push_back(inlineValue);
                // No value at all is tolerated: an empty Tekton array expands to nothing.
                while (!inline_ && i < args.size() && !looksLikeFlag(args[i]) && args[i] != "--")
                    values.push_back(args[i++]);
                break;
        }
        try {
            for (const auto& value : values) spec->take(name, value);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::Usage) throw;
            fail(e.what());
        }
    }
    return positional;
}

}  // namespace signet::config
