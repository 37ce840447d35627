// SignatureFormat: how a signature is stored — cosign's legacy .sig tag or cosign v3's Sigstore
// bundle referrer — and the one set of words for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::cosign {

enum class SignatureFormat {
    Legacy,  // a simple-signing layer in the sha256-<hex>.sig image (cosign v2's default)
    Bundle,  // a DSSE Sigstore bundle v0.3 as an OCI 1.1 referrer (cosign v3's default)
};

// The words, in enum order and then the aliases the wrappers offered first: "legacy",
// "bundle", "legacy-tag" (= legacy), "referrers" (= bundle). signatureFormatFor maps an index
// into this list to the format.
std::vector<std::string> signatureFormatWords();
SignatureFormat signatureFormatFor(std::size_t wordIndex);
// Throws Error(Usage, "<origin> must be legacy or bundle, got '<word>'").
SignatureFormat parseSignatureFormat(const std::string& word, const std::string& origin);
std::string_view toString(SignatureFormat format);  // "legacy", "bundle"

}  // namespace signet::cosign
