#include "config/Environment.h"

extern char** environ;

namespace signet {

Environment Environment::fromProcess() {
    std::map<std::string, std::string> vars;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string text(*entry);
        auto eq = text.find('=');
        if (eq == std::string::npos) continue;
        vars.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    return Environment(std::move(vars));
}

std::optional<std::string> Environment::get(const std::string& name) const {
    auto it = vars_.find(name);
    if (it == vars_.end()) return std::nullopt;
    return it->second;
}

std::string Environment::getOr(const std::string& name, const std::string& fallback) const {
    auto value = get(name);
    return value && !value->empty() ? *value : fallback;
}

}  // namespace signet
