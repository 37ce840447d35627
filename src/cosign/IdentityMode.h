// IdentityMode: which docker-reference a signature claims, and the one set of words for it.
#pragma once

#include <string>
#include <vector>

namespace signet::cosign {

// Which docker-reference a signature claims.
enum class IdentityMode {
    Tag,   // "registry/repo:tag" for each tag@digest (one signature per tag)
    Repo,  // "registry/repo", cosign's default identity
};

// The one set of words for IdentityMode, in enum order ("tag", "repo"): `signet sign
// --identity`, `signet run --identity`, SIGNET_IDENTITY and the task YAML all take these.
std::vector<std::string> identityModeWords();
// Throws Error(Usage, "<origin> must be tag or repo, got '<word>'").
IdentityMode parseIdentityMode(const std::string& word, const std::string& origin);

}  // namespace signet::cosign
