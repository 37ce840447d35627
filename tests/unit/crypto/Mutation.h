// Mutation: random byte-level edits of a seed input, for the randomized parser robustness tests.
#pragma once

#include <random>
#include <string>

namespace signet::testing {

// 1–4 random edits: overwrite, insert, erase, truncate, bit flip or duplicate a slice.
inline std::string mutate(std::string input, std::mt19937& rng) {
    std::uniform_int_distribution<int> op(0, 5);
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits; ++i) {
        std::size_t at = input.empty() ? 0 : rng() % input.size();
        char byte = static_cast<char>(rng() & 0xFF);
        switch (op(rng)) {
            case 0:
                if (!input.empty()) input[at] = byte;
                break;
            case 1:
                input.insert(input.begin() + static_cast<long>(at), byte);
                break;
            case 2:
                if (!input.empty()) input.erase(at, 1 + rng() % 8);
                break;
            case 3:
                input.resize(at);
                break;
            case 4:
                if (!input.empty()) input[at] ^= static_cast<char>(1 << (rng() % 8));
                break;
            default:
                input.insert(at, input.substr(at, rng() % 16));
                break;
        }
    }
    return input;
}

}  // namespace signet::testing
