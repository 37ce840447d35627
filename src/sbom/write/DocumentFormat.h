// DocumentFormat: the SBOM formats signet writes, with what each is called and how it is attached.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// signet's words for its formats, in enum order: "spdx-json", "spdx-tag", "cyclonedx-json". The
// one set that `signet sbom --format`, the sbom.format setting, `attest --type`,
// `verify-attestation --type` and `attach sbom --type` all accept.
std::vector<std::string> documentFormatWords();
// The format `word` names, or nullopt when it is not one of documentFormatWords().
std::optional<DocumentFormat> findDocumentFormat(std::string_view word);
// Throws Error(Usage) naming the accepted words (and, for cosign's own words, which to use).
DocumentFormat parseDocumentFormat(const std::string& word);
const FormatTraits& traitsOf(DocumentFormat format);
std::string writeDocument(const Sbom& sbom, DocumentFormat format, const DocumentOptions& options);

}  // namespace signet::sbom
