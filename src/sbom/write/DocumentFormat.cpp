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

DocumentFormat parseDocumentFormat(const std::string& word) {
    for (int i = 0; i < 3; ++i) {
        if (word == kTraits[i].word) return static_cast<DocumentFormat>(i);
    }
    throw Error(ErrorKind::Usage,
                "unknown SBOM format '" + word + "': use spdx-json, spdx-tag or cyclonedx-json");
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
