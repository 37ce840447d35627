// ControlParagraphs: RFC-822-style "Key: value" paragraphs (dpkg status, Python METADATA headers).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace signet::sbom {

// One paragraph; keys as written (first occurrence wins), continuation lines joined with "\n".
// Repeated keys (Python's Classifier, Requires-Dist) are also collected in `all`.
struct ControlParagraph {
    std::map<std::string, std::string> fields;
    std::multimap<std::string, std::string> all;

    // The value or "" when absent.
    std::string get(const std::string& key) const;
};

// Splits text into paragraphs at blank lines. With `firstOnly`, stops after the first
// paragraph (the header block of an email-style file such as METADATA).
std::vector<ControlParagraph> parseControlParagraphs(const std::string& text,
                                                     bool firstOnly = false);

}  // namespace signet::sbom
