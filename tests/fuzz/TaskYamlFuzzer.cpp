// The task YAML (SIGNET_CONFIG / --config): parsed, then every setting applied to a TaskSpec, as
// `signet run` does.
#include "config/SettingApplier.h"
#include "config/TaskSpec.h"
#include "config/TaskYaml.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        signet::config::TaskSpec spec;
        signet::config::applySettings(spec, signet::config::parseTaskYaml(text, "task.yaml"));
    });
    return 0;
}
