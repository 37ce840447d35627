#include "config/TaskSpecLoader.h"

#include "config/EnvironmentSettings.h"
#include "config/OutputsFromEnvironment.h"
#include "config/SettingApplier.h"
#include "config/TaskYaml.h"
#include "error/Error.h"

namespace signet::config {

TaskSpec loadTaskSpec(const RunFlags& flags, const Environment& env) {
    TaskSpec spec;
    std::optional<std::string> configPath = flags.configPath;
    if (!configPath && !env.getOr("SIGNET_CONFIG", "").empty()) {
        configPath = env.getOr("SIGNET_CONFIG", "");
    }
    if (configPath) applySettings(spec, readTaskYaml(*configPath));
    applySettings(spec, settingsFromEnvironment(env));
    applySettings(spec, settingsFromGithubInputs(env));
    readOutputEnvironment(spec.outputs, env);
    applyRunFlags(spec, flags);
    validateTaskSpec(spec);
    return spec;
}

void validateTaskSpec(const TaskSpec& spec) {
    if (spec.sbom.mode == SbomMode::File && !spec.sbom.file) {
        throw Error(ErrorKind::Config, originOf(spec, "sbom.mode") +
                                           ": SBOM mode 'file' needs an SBOM file; set " +
                                           originOf(spec, "sbom.file"));
    }
    if (spec.sbom.mode == SbomMode::Off && spec.sbom.file) {
        throw Error(ErrorKind::Config, originOf(spec, "sbom.file") +
                                           ": an SBOM file was given but SBOM mode is off; set " +
                                           originOf(spec, "sbom.mode") + " to file");
    }
}

}  // namespace signet::config
