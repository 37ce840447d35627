#include "cosign/IdentityMode.h"

#include "error/Error.h"

namespace signet::cosign {

std::vector<std::string> identityModeWords() {
    return {"tag", "repo"};
}

IdentityMode parseIdentityMode(const std::string& word, const std::string& origin) {
    const auto words = identityModeWords();
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (word == words[i]) return static_cast<IdentityMode>(i);
    }
    throw Error(ErrorKind::Usage, origin + " must be tag or repo, got '" + word + "'");
}

}  // namespace signet::cosign
