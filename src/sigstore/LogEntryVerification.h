// LogEntryVerification: whether a Rekor v1 entry is one a trusted log vouches for and is about
// the signature at hand — sigstore-go's and cosign's offline checks.
#pragma once

#include <string>

#include "sigstore/EntryBody.h"
#include "sigstore/LogEntry.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {

// Empty when accepted, else the reason. The entry's log must be in `root` (by log id) and valid
// at its integrated time; its SignedEntryTimestamp, when present, must verify with the log's
// key over signedEntryTimestampPayload; its inclusion proof, when present, must lead from
// sha256(0x00 || body) to a root hash that a checkpoint signed by the log's key names for that
// tree size (RFC 6962); one of the two must be there; and the body must record `material`.
std::string logEntryProblem(const LogEntry& entry, const TrustedRoot& root,
                            const SignedMaterial& material);

// RFC 6962 §2.1.1: true when `proof` leads from `leafHash` at its index to its root hash.
bool inclusionProofHolds(const InclusionProof& proof, const std::string& leafHash);

// Empty when `checkpoint` (a signed note: origin, tree size, base64 root hash, then signature
// lines "— <name> <base64(4-byte key hint + signature)>") is signed by `log` and names
// `treeSize` and `rootHash`, else the reason.
std::string checkpointProblem(const std::string& checkpoint, const TransparencyLogKey& log,
                              std::int64_t treeSize, const std::string& rootHash);

}  // namespace signet::sigstore
