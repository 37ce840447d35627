// DidYouMean: the closest known word to a mistyped command or flag, for the error line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace signet::config {

// The candidate nearest to `typed` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours), when it is close enough to be a typo: at most 2 edits, and fewer than
// half of the word's length. nullopt otherwise.
std::optional<std::string> closestMatch(const std::string& typed,
                                        const std::vector<std::string>& candidates);

// " (did you mean sign?)" or "", for appending to a message.
std::string didYouMean(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace signet::config
