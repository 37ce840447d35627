// LogEntry: one Rekor v1 transparency-log entry as signet keeps it, and the three JSON forms it
// travels in: Rekor's answer, cosign's dev.sigstore.cosign/bundle annotation (legacy .sig
// layers), and a Sigstore bundle's verificationMaterial.tlogEntries item.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "json/GoJson.h"

namespace signet::sigstore {

struct InclusionProof {
    std::int64_t logIndex = 0;
    std::string rootHash;  // raw bytes
    std::int64_t treeSize = 0;
    std::vector<std::string> hashes;  // raw bytes, leaf to root
    std::string checkpoint;           // the signed note
};

struct LogEntry {
    std::string body;  // the canonicalized entry (JSON bytes, not base64)
    std::int64_t integratedTime = 0;
    std::int64_t logIndex = 0;
    std::string logId;                 // raw bytes
    std::string signedEntryTimestamp;  // raw signature bytes; empty when the entry has none
    std::optional<InclusionProof> inclusionProof;
};

// Rekor v1's answer to POST or GET /api/v1/log/entries: {"<uuid>": {body, integratedTime, logID,
// logIndex, verification{signedEntryTimestamp, inclusionProof}}}. Throws Error(Registry).
LogEntry parseRekorAnswer(const std::string& text, const std::string& what);

// {"SignedEntryTimestamp":…,"Payload":{"body":…,"integratedTime":…,"logIndex":…,"logID":…}}
// (cosign pkg/cosign/bundle/rekor.go); the parse throws Error(Verify).
std::string cosignBundleAnnotation(const LogEntry& entry);
LogEntry parseCosignBundleAnnotation(const std::string& text);

// Protobuf JSON (int64 as strings, bytes as base64): logIndex, logId{keyId}, kindVersion,
// integratedTime, inclusionPromise, inclusionProof, canonicalizedBody. The parse throws
// Error(Verify).
json::Ordered bundleTlogEntry(const LogEntry& entry);
LogEntry parseBundleTlogEntry(const nlohmann::json& item);

// What the SignedEntryTimestamp signs: RFC 8785 JSON of {body (base64), integratedTime, logID
// (hex), logIndex}.
std::string signedEntryTimestampPayload(const LogEntry& entry);

}  // namespace signet::sigstore
