// Originator: renders a maintainer/author string as an SPDX "Person: Name (email)" originator.
#pragma once

#include <string>

namespace signet::sbom {

// "Jane Doe <jane@example.org>" → "Person: Jane Doe (jane@example.org)"; "Jane" → "Person: Jane";
// "" → "". Only printable text is kept.
std::string personOriginator(const std::string& nameAndEmail);
std::string personOriginator(const std::string& name, const std::string& email);

}  // namespace signet::sbom
