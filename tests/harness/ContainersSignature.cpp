#include "harness/ContainersSignature.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "crypto/Encoding.h"
#include "harness/Paths.h"

namespace signet::testing {

ContainersSignature readContainersSignature(const std::string& path) {
    const std::string prefix = std::string(1, '\0') + "sigstore-json\n";
    std::string bytes = readFile(path);
    if (bytes.compare(0, prefix.size(), prefix) != 0) {
        throw std::runtime_error(path + ": not a containers/image sigstore signature");
    }
    auto root = nlohmann::json::parse(bytes.substr(prefix.size()));
    ContainersSignature sig;
    sig.mimeType = root.at("mimeType").get<std::string>();
    auto payload = crypto::base64Decode(root.at("payload").get<std::string>());
    if (!payload) throw std::runtime_error(path + ": payload is not base64");
    sig.payload = *payload;
    for (const auto& [key, value] : root.at("annotations").items()) {
        sig.annotations[key] = value.get<std::string>();
    }
    return sig;
}

}  // namespace signet::testing
