// DocumentFormat: the SBOM formats signet writes, with what each is called and how it is attached.
#pragma once

#include <string>

#include "sbom/model/Sbom.h"
#include "sbom/write/DocumentOptions.h"

namespace signet::sbom {

enum class DocumentFormat { SpdxJson, SpdxTagValue, CycloneDxJson };

struct FormatTraits {
    const char* word;        // "spdx-json", "spdx-tag", "cyclonedx-json"
    const char* extension;   // ".spdx.json", ".spdx", ".cdx.json"
    const char* attestType;  // cosign attest --type: "spdxjson", "spdx", "cyclonedx"
    const char* attachType;  // cosign attach sbom --type: "spdx", "cyclonedx"
    bool json;
};

// Throws Error(Usage) naming the accepted words.
DocumentFormat parseDocumentFormat(const std::string& word);
const FormatTraits& traitsOf(DocumentFormat format);
std::string writeDocument(const Sbom& sbom, DocumentFormat format, const DocumentOptions& options);

}  // namespace signet::sbom
