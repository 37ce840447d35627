#include "sigstore/LogEntryVerification.h"

#include "crypto/Encoding.h"

namespace signet::sigstore {
namespace {

std::string nodeHash(const std::string& left, const std::string& right) {
    return crypto::sha256(std::string(1, '\x01') + left + right);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(text.substr(start));
            break;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

bool inclusionProofHolds(const InclusionProof& proof, const std::string& leafHash) {
    if (proof.logIndex < 0 || proof.treeSize <= 0 || proof.logIndex >= proof.treeSize) return false;
    auto index = static_cast<std::uint64_t>(proof.logIndex);
    auto last = static_cast<std::uint64_t>(proof.treeSize - 1);
    std::string hash = leafHash;
    for (const auto& sibling : proof.hashes) {
        if (last == 0 || sibling.size() != 32) return false;
        if ((index & 1) != 0 || index == last) {
            hash = nodeHash(sibling, hash);
            while ((index & 1) == 0 && index != 0) {
                index >>= 1;
                last >>= 1;
            }
        } else {
            hash = nodeHash(hash, sibling);
        }
        index >>= 1;
        last >>= 1;
    }
    return last == 0 && hash == proof.rootHash;
}

std::string checkpointProblem(const std::string& checkpoint, const TransparencyLogKey& log,
                              std::int64_t treeSize, const std::string& rootHash) {
    const std::size_t split = checkpoint.find("\n\n");
    if (split == std::string::npos) return "the checkpoint is not a signed note";
    const std::string note = checkpoint.substr(0, split + 1);
    const auto body = lines(note);
    if (body.size() < 3) return "the checkpoint has no tree size and root hash";
    if (body[1] != std::to_string(treeSize))
        return "the checkpoint's tree size is not the inclusion proof's";
    auto root = crypto::base64Decode(body[2]);
    if (!root || *root != rootHash)
        return "the checkpoint's root hash is not the inclusion proof's";
    const std::string prefix = "\xE2\x80\x94 ";  // "— "
    for (const auto& line : lines(checkpoint.substr(split + 2))) {
        if (line.rfind(prefix, 0) != 0) continue;
        const std::size_t space = line.rfind(' ');
        auto signature = crypto::base64Decode(line.substr(space + 1));
        if (!signature || signature->size() <= 4) continue;
        if (log.key->verify(note, signature->substr(4))) return "";
    }
    return "the checkpoint is not signed by the log's key";
}

std::string logEntryProblem(const LogEntry& entry, const TrustedRoot& root,
                            const SignedMaterial& material) {
    const TransparencyLogKey* log = root.logById(entry.logId);
    if (!log)
        return "the log entry is from a log the trusted root does not list (log id " +
               crypto::hexEncode(entry.logId) + ")";
    if (!log->validFor.contains(entry.integratedTime))
        return "the log entry's integrated time is outside the log key's validity";
    if (entry.signedEntryTimestamp.empty() && !entry.inclusionProof)
        return "the log entry has neither a signed entry timestamp nor an inclusion proof";
    if (!entry.signedEntryTimestamp.empty() &&
        !log->key->verify(signedEntryTimestampPayload(entry), entry.signedEntryTimestamp))
        return "the log entry's signed entry timestamp does not verify with the log's key";
    if (entry.inclusionProof) {
        const InclusionProof& proof = *entry.inclusionProof;
        if (!inclusionProofHolds(proof, crypto::sha256(std::string(1, '\0') + entry.body)))
            return "the log entry's inclusion proof does not lead to its root hash";
        std::string problem =
            checkpointProblem(proof.checkpoint, *log, proof.treeSize, proof.rootHash);
        if (!problem.empty()) return problem;
    }
    return bodyMismatch(entry.body, material);
}

}  // namespace signet::sigstore
