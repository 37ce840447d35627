// SbomTypeFlag: cosign's --type flags (attest, verify-attestation, attach sbom) also take
// signet's SBOM format words, the ones `signet sbom --format` and the sbom.format setting take.
#pragma once

#include <string>

namespace signet::cli {

// attest and verify-attestation --type: a format word becomes cosign's predicate word
// ("spdx-json" → "spdxjson", "spdx-tag" → "spdx", "cyclonedx-json" → "cyclonedx"); any other
// word is cosign's own and is kept as given.
std::string attestTypeFor(const std::string& type);

// attach sbom --type and --input-format, as cosign's media type words: the type and whether the
// document is JSON. A format word says both; with cosign's words, --input-format (json, text or
// xml) says it, else the file's name (".json"). Throws Error(Usage) for an unknown input format
// or one that contradicts the format word.
struct AttachType {
    std::string type;  // "spdx", "cyclonedx" or "syft"
    bool json = false;
};
AttachType attachTypeFor(const std::string& type, const std::string& inputFormat,
                         const std::string& file);

}  // namespace signet::cli
