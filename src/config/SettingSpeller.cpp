#include "config/SettingSpeller.h"

#include "error/SettingSpelling.h"

namespace signet::config {
namespace {

constexpr std::string_view kWorkspace = "workspace:";

std::string withValue(std::string text, std::string_view separator, std::string_view value) {
    if (!value.empty()) text += std::string(separator) + std::string(value);
    return text;
}

std::string variable(const SettingDef& def, std::string_view value) {
    return withValue(def.env.front(), "=", value);
}

// `signet run` on the command line: the flag, and the variable that does the same.
std::string commandLine(const SettingDef& def, std::string_view value) {
    if (def.flags.empty()) return variable(def, value);
    const std::string& flag = def.flags.front();
    const std::string spelled = def.kind != ValueKind::Bool ? withValue(flag, " ", value)
                                : value == "false"          ? "--no-" + flag.substr(2)
                                                            : flag;
    return spelled + " (" + variable(def, value) + ")";
}

std::string github(const SettingDef& def, std::string_view value) {
    if (def.input.empty()) return "the step's env " + variable(def, value);
    return "the action input " + withValue(def.input, ": ", value);
}

std::string tekton(const SettingDef& def, std::string_view value) {
    if (def.tekton.starts_with(kWorkspace))
        return "the " + def.tekton.substr(kWorkspace.size()) + " workspace";
    if (def.tekton.empty()) return "the step's env " + variable(def, value);
    return "the Task param " + withValue(def.tekton, "=", value);
}

std::string jenkins(const SettingDef& def, std::string_view value) {
    if (def.jenkins.empty()) return "the environment variable " + variable(def, value);
    const std::string shown = value.empty() ? "…" : std::string(value);
    const auto dot = def.jenkins.find('.');
    if (dot == std::string::npos) return "signImages(" + def.jenkins + ": " + shown + ")";
    return "signImages(" + def.jenkins.substr(0, dot) + ": [" + def.jenkins.substr(dot + 1) + ": " +
           shown + "])";
}

}  // namespace

Wrapper wrapperFromEnvironment(const Environment& env, bool runCommand) {
    if (!runCommand) return Wrapper::CommandLine;  // the wrappers run `signet run`; this was typed
    const std::string chosen = env.getOr("SIGNET_WRAPPER", "");
    if (chosen == "tekton") return Wrapper::Tekton;
    if (chosen == "jenkins") return Wrapper::Jenkins;
    if (chosen == "github") return Wrapper::Github;
    if (chosen.empty() && env.getOr("GITHUB_ACTIONS", "") == "true") return Wrapper::Github;
    return Wrapper::CommandLine;
}

std::string spellSettingFor(Wrapper wrapper, const SettingDef& def, std::string_view value) {
    switch (wrapper) {
        case Wrapper::Github:
            return github(def, value);
        case Wrapper::Tekton:
            return tekton(def, value);
        case Wrapper::Jenkins:
            return jenkins(def, value);
        case Wrapper::CommandLine:
            break;
    }
    return commandLine(def, value);
}

void installSpellingFor(Wrapper wrapper, std::optional<FlagSpellings> commandFlags) {
    installSettingSpelling(
        [wrapper, flags = std::move(commandFlags)](std::string_view key, std::string_view value) {
            const SettingDef* def = findSetting(key);
            if (def == nullptr) return withValue(std::string(key), "=", value);
            if (wrapper == Wrapper::CommandLine && flags) {
                const std::string name(key);
                if (auto it = flags->find(name + "=" + std::string(value)); it != flags->end())
                    return it->second;
                if (auto it = flags->find(name); it != flags->end()) return it->second;
                return variable(*def, value);
            }
            return spellSettingFor(wrapper, *def, value);
        });
}

}  // namespace signet::config
