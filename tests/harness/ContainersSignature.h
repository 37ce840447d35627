// ContainersSignature: reads a containers/image `dir:` signature file (0x00, "sigstore-json\n",
// JSON).
#pragma once

#include <map>
#include <string>

namespace signet::testing {

struct ContainersSignature {
    std::string mimeType;
    std::string payload;  // decoded bytes
    std::map<std::string, std::string> annotations;
};

// Throws std::runtime_error naming the file when it is not in that format.
ContainersSignature readContainersSignature(const std::string& path);

}  // namespace signet::testing
