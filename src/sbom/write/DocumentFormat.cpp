#include "sbom/write/DocumentFormat.h"

#include "error/Error.h"
#include "sbom/write/CycloneDxWriter.h"
#include "sbom/write/SpdxJsonWriter.h"
#include "sbom/write/SpdxTagValueWriter.h"

namespace signet::sbom {
namespace {

const FormatTraits kTraits[] = {
    {"spdx-json", ".spdx.json", "spdxjson", "spdx", true},
    {"spdx-tag", ".spdx", "spdx", "spdx", false},
    {"cyclonedx-json", ".cdx.json", "cyclonedx", "cyclonedx", true},
};

}  // namespace

std::vector<std::string> documentFormatWords() {
    std::vector<std::string> words;
    for (const auto& traits : kTraits) words.emplace_back(traits.word);
    return words;
}

std::optional<DocumentFormat> findDocumentFormat(std::string_view word) {
    for (int i = 0; i < 3; ++i) {
        if (word == kTraits[i].word) return static_cast<DocumentFormat>(i);
    }
    return std::nullopt;
}

DocumentFormat parseDocumentFormat(const std::string& word) {
    if (auto format = findDocumentFormat(word)) return *format;
    // cosign's words name a predicate or an attachment type, and "spdx" means JSON or tag-value
    // depending on the command: the format is said once, in signet's words.
    std::string cosignWord;
    if (word == "spdxjson" || word == "spdx" || word == "cyclonedx") {
        cosignWord = " ('" + word +
                     "' is cosign's --type word; the format needs a word that says "
                     "which document: spdx-json, spdx-tag or cyclonedx-json)";
    }
    throw Error(ErrorKind::Usage, "unknown SBOM format '" + word +
                                      "': use spdx-json, spdx-tag or cyclonedx-json" + cosignWord);
}

const FormatTraits& traitsOf(DocumentFormat format) {
    return kTraits[static_cast<int>(format)];
}

std::string writeDocument(const Sbom& sbom, DocumentFormat format, const DocumentOptions& options) {
    switch (format) {
        case DocumentFormat::SpdxJson:
            return writeSpdxJson(sbom, options);
        case DocumentFormat::SpdxTagValue:
            return writeSpdxTagValue(sbom, options);
        case DocumentFormat::CycloneDxJson:
            return writeCycloneDxJson(sbom, options);
    }
    throw Error(ErrorKind::Internal, "unknown SBOM format");
}

}  // namespace signet::sbom
