// PackageUrl: builds purl strings the way syft (anchore/packageurl-go v0.2.0) encodes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signet::sbom {

struct PackageUrl {
    std::string type;       // "deb", "npm", …
    std::string nameSpace;  // may contain '/' between segments; may be empty
    std::string name;
    std::string version;  // may be empty
    // Emitted sorted by key; pairs with an empty value are dropped.
    std::vector<std::pair<std::string, std::string>> qualifiers;

    // "pkg:type/namespace/name@version?k=v&…" with every part percent-encoded.
    std::string toString() const;
};

// Go's url.QueryEscape with '+' for space turned into "%20": keeps only [A-Za-z0-9-_.~].
std::string purlEscape(std::string_view text);

}  // namespace signet::sbom
