// WorkflowCommands: GitHub Actions workflow commands (::error::, ::group::, ::add-mask::) with
// the runner's escaping rules.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signet::pipeline {

// Message part: % -> %25, \r -> %0D, \n -> %0A.
std::string escapeCommandData(std::string_view text);
// Property values: as data, plus : -> %3A and , -> %2C.
std::string escapeCommandProperty(std::string_view text);

// "::name key=value,key=value::message" (no trailing newline), everything escaped.
std::string workflowCommand(std::string_view name,
                            const std::vector<std::pair<std::string, std::string>>& properties,
                            std::string_view message);

}  // namespace signet::pipeline
