#include "cosign/Annotations.h"

#include "error/Error.h"

namespace signet::cosign {

std::map<std::string, std::string> parseAnnotations(const std::vector<std::string>& texts) {
    std::map<std::string, std::string> annotations;
    for (const auto& text : texts) {
        auto eq = text.find('=');
        if (eq == std::string::npos || eq == 0 || text.find('=', eq + 1) != std::string::npos) {
            throw Error(ErrorKind::Usage,
                        "invalid annotation \"" + text + "\": want key=value (one '=')");
        }
        annotations[text.substr(0, eq)] = text.substr(eq + 1);
    }
    return annotations;
}

}  // namespace signet::cosign
