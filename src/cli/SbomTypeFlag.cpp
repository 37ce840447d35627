#include "cli/SbomTypeFlag.h"

#include "error/Error.h"
#include "sbom/write/DocumentFormat.h"

namespace signet::cli {

std::string attestTypeFor(const std::string& type) {
    if (auto format = sbom::findDocumentFormat(type)) return sbom::traitsOf(*format).attestType;
    return type;
}

AttachType attachTypeFor(const std::string& type, const std::string& inputFormat,
                         const std::string& file) {
    if (!inputFormat.empty() && inputFormat != "json" && inputFormat != "text" &&
        inputFormat != "xml") {
        throw Error(ErrorKind::Usage,
                    "unknown --input-format '" + inputFormat + "': use json, text or xml");
    }
    if (auto format = sbom::findDocumentFormat(type)) {
        const auto& traits = sbom::traitsOf(*format);
        if (!inputFormat.empty() && (inputFormat == "json") != traits.json) {
            throw Error(ErrorKind::Usage, "--type " + type + " is " + (traits.json ? "" : "not ") +
                                              "JSON; drop --input-format " + inputFormat);
        }
        return {traits.attachType, traits.json};
    }
    return {type, inputFormat.empty() ? file.ends_with(".json") : inputFormat == "json"};
}

}  // namespace signet::cli
