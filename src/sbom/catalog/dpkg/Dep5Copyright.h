// Dep5Copyright: the license names a machine-readable (DEP-5) Debian copyright file declares.
#pragma once

#include <string>
#include <vector>

namespace signet::sbom {

// Sorted, de-duplicated `License:` short names plus /usr/share/common-licenses/<X> references.
// Empty when the file lacks the DEP-5 `Format:` header (syft ≥ 1.45 then parses nothing).
std::vector<std::string> dep5Licenses(const std::string& copyrightText);

}  // namespace signet::sbom
