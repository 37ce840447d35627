#include "cosign/SignatureFormat.h"

#include "error/Error.h"

namespace signet::cosign {

std::vector<std::string> signatureFormatWords() {
    return {"legacy", "bundle", "legacy-tag", "referrers"};
}

SignatureFormat signatureFormatFor(std::size_t wordIndex) {
    return wordIndex % 2 == 0 ? SignatureFormat::Legacy : SignatureFormat::Bundle;
}

SignatureFormat parseSignatureFormat(const std::string& word, const std::string& origin) {
    const auto words = signatureFormatWords();
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] == word) return signatureFormatFor(i);
    }
    throw Error(ErrorKind::Usage, origin + " must be legacy or bundle, got '" + word + "'");
}

std::string_view toString(SignatureFormat format) {
    return format == SignatureFormat::Legacy ? "legacy" : "bundle";
}

}  // namespace signet::cosign
