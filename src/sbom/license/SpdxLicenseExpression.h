// SpdxLicenseExpression: turns declared license strings into one valid SPDX license expression.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace signet::sbom {

// Joins `declared` with " AND " (compound parts in parentheses). Known identifiers are written
// in their canonical SPDX spelling (Debian's "GPL-2+" → "GPL-2.0-or-later", "Expat" → "MIT");
// anything else becomes "LicenseRef-<sanitised>" and is recorded in `extracted` (ref → original
// text). Returns "NOASSERTION" when nothing is declared.
std::string spdxLicenseExpression(const std::vector<std::string>& declared,
                                  std::map<std::string, std::string>& extracted);

// "LicenseRef-" + `name` with every character outside [A-Za-z0-9.-] turned into '-'.
std::string licenseRefFor(const std::string& name);

}  // namespace signet::sbom
