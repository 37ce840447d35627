#include "config/DidYouMean.h"

#include <algorithm>

namespace signet::config {
namespace {

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).
std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closestMatch(const std::string& typed,
                                        const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t bestDistance = 3;
    for (const auto& candidate : candidates) {
        std::size_t distance = editDistance(typed, candidate);
        if (distance < bestDistance && 2 * distance < typed.size()) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

std::string didYouMean(const std::string& typed, const std::vector<std::string>& candidates) {
    auto match = closestMatch(typed, candidates);
    return match ? " (did you mean " + *match + "?)" : "";
}

}  // namespace signet::config
