// RawSetting: one not-yet-validated setting value from YAML, environment, action input or flag.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace signet::config {

struct RawSetting {
    // Setting key as in the task YAML, dotted for sections: "images", "registry.retries".
    std::string key;
    // Text (environment, scalar YAML, scalar flag), a list (YAML sequence, repeated flag),
    // or a map (YAML mapping: annotations).
    std::variant<std::string, std::vector<std::string>, std::map<std::string, std::string>> value;
    // Names the source in messages: "SIGNET_IMAGES", "INPUT_FAIL-ON", "--tag",
    // "task.yaml:4:11: registry.retries".
    std::string origin;
};

}  // namespace signet::config
