// Annotations: `-a key=value` arguments parsed with cosign's rule (exactly one '=').
#pragma once

#include <map>
#include <string>
#include <vector>

namespace signet::cosign {

// Throws Error(Usage, "invalid annotation \"TEXT\": want key=value") unless the text splits on
// '=' into exactly two parts with a non-empty key.
std::map<std::string, std::string> parseAnnotations(const std::vector<std::string>& texts);

}  // namespace signet::cosign
