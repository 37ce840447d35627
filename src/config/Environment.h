// Environment: a snapshot of environment variables, passed explicitly so tests can supply their own.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace signet {

class Environment {
public:
    Environment() = default;
    explicit Environment(std::map<std::string, std::string> vars) : vars_(std::move(vars)) {}

    // The process environment (environ) at the time of the call.
    static Environment fromProcess();

    // nullopt when unset; an empty string when set but empty.
    std::optional<std::string> get(const std::string& name) const;
    // The value, or `fallback` when unset or empty.
    std::string getOr(const std::string& name, const std::string& fallback) const;
    bool isSet(const std::string& name) const { return vars_.count(name) != 0; }

    void set(const std::string& name, const std::string& value) { vars_[name] = value; }
    void unset(const std::string& name) { vars_.erase(name); }
    const std::map<std::string, std::string>& all() const { return vars_; }

private:
    std::map<std::string, std::string> vars_;
};

}  // namespace signet
