// RFC 6962 inclusion proofs: every leaf of trees of 1..17 leaves proves against the root built
// here independently, and any change to the proof breaks it.
#include <gtest/gtest.h>

#include "crypto/Encoding.h"
#include "sigstore/LogEntryVerification.h"

namespace signet::sigstore {
namespace {

std::string leafHash(int i) {
    return crypto::sha256(std::string(1, '\0') + "leaf " + std::to_string(i));
}
std::string nodeHash(const std::string& l, const std::string& r) {
    return crypto::sha256(std::string(1, '\1') + l + r);
}
std::size_t split(std::size_t n) {
    std::size_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
}
std::string root(const std::vector<std::string>& leaves, std::size_t lo, std::size_t hi) {
    if (hi - lo == 1) return leaves[lo];
    const std::size_t k = split(hi - lo);
    return nodeHash(root(leaves, lo, lo + k), root(leaves, lo + k, hi));
}
void path(const std::vector<std::string>& leaves, std::size_t m, std::size_t lo, std::size_t hi,
          std::vector<std::string>& out) {
    if (hi - lo == 1) return;
    const std::size_t k = split(hi - lo);
    if (m - lo < k) {
        path(leaves, m, lo, lo + k, out);
        out.push_back(root(leaves, lo + k, hi));
    } else {
        path(leaves, m, lo + k, hi, out);
        out.push_back(root(leaves, lo, lo + k));
    }
}

TEST(InclusionProof, EveryLeafOfEveryTreeSizeProvesAndTamperingBreaksIt) {
    for (std::size_t size = 1; size <= 17; ++size) {
        std::vector<std::string> leaves;
        for (std::size_t i = 0; i < size; ++i) leaves.push_back(leafHash(static_cast<int>(i)));
        for (std::size_t m = 0; m < size; ++m) {
            InclusionProof proof;
            proof.logIndex = static_cast<std::int64_t>(m);
            proof.treeSize = static_cast<std::int64_t>(size);
            proof.rootHash = root(leaves, 0, size);
            path(leaves, m, 0, size, proof.hashes);
            EXPECT_TRUE(inclusionProofHolds(proof, leaves[m])) << size << "/" << m;
            EXPECT_FALSE(inclusionProofHolds(proof, leafHash(1000)));
            if (size > 1) {
                auto wrongIndex = proof;
                wrongIndex.logIndex = static_cast<std::int64_t>((m + 1) % size);
                EXPECT_FALSE(inclusionProofHolds(wrongIndex, leaves[m])) << size << "/" << m;
                auto flipped = proof;
                flipped.hashes[0][0] ^= 1;
                EXPECT_FALSE(inclusionProofHolds(flipped, leaves[m]));
                auto shorter = proof;
                shorter.hashes.pop_back();
                EXPECT_FALSE(inclusionProofHolds(shorter, leaves[m]));
            }
            auto longer = proof;
            longer.hashes.push_back(leaves[0]);
            EXPECT_FALSE(inclusionProofHolds(longer, leaves[m]));
            auto outside = proof;
            outside.logIndex = static_cast<std::int64_t>(size);
            EXPECT_FALSE(inclusionProofHolds(outside, leaves[m]));
        }
    }
}

}  // namespace
}  // namespace signet::sigstore
