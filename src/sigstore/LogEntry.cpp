#include "sigstore/LogEntry.h"

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sigstore {
namespace {

struct Reader {
    ErrorKind kind;
    std::string what;

    Error bad(const std::string& why) const { return Error(kind, what + ": " + why); }

    const nlohmann::json& object(const nlohmann::json& holder, const char* key) const {
        auto it = holder.find(key);
        if (it == holder.end() || !it->is_object()) throw bad(std::string("no ") + key);
        return *it;
    }
    std::string string(const nlohmann::json& holder, const char* key) const {
        auto it = holder.find(key);
        if (it == holder.end() || !it->is_string()) throw bad(std::string("no ") + key);
        return it->get<std::string>();
    }
    std::string base64(const nlohmann::json& holder, const char* key) const {
        auto decoded = crypto::base64Decode(string(holder, key));
        if (!decoded) throw bad(std::string(key) + " is not base64");
        return *decoded;
    }
    std::string hex(const nlohmann::json& holder, const char* key) const {
        auto decoded = crypto::hexDecode(string(holder, key));
        if (!decoded) throw bad(std::string(key) + " is not hex");
        return *decoded;
    }
    // A JSON number, or (protobuf JSON) a string of digits.
    std::int64_t integer(const nlohmann::json& holder, const char* key) const {
        auto it = holder.find(key);
        if (it != holder.end() && it->is_string()) {
            const std::string text = *it;
            std::size_t used = 0;
            try {
                long long value = std::stoll(text, &used);
                if (used == text.size() && !text.empty()) return value;
            } catch (const std::exception&) {
            }
            throw bad(std::string(key) + " is not an integer");
        }
        if (it == holder.end()) throw bad(std::string("no ") + key);
        auto value = json::integerValue<std::int64_t>(*it);
        if (!value) throw bad(std::string(key) + " is not an integer");
        return *value;
    }
    // A list of strings in `encoding`, decoded; absent: empty.
    std::vector<std::string> list(const nlohmann::json& holder, const char* key,
                                  std::optional<std::string> (*decode)(std::string_view),
                                  const char* encoding) const {
        std::vector<std::string> out;
        for (const auto& item : holder.value(key, nlohmann::json::array())) {
            auto decoded = item.is_string() ? decode(item.get<std::string>()) : std::nullopt;
            if (!decoded) throw bad(std::string("an item of ") + key + " is not " + encoding);
            out.push_back(*decoded);
        }
        return out;
    }
    // The same in protobuf JSON, which omits a field that is zero.
    std::int64_t protoInteger(const nlohmann::json& holder, const char* key) const {
        return holder.contains(key) ? integer(holder, key) : 0;
    }
};

nlohmann::json parsed(const std::string& text, const Reader& read) {
    auto value = nlohmann::json::parse(text, nullptr, false);
    if (!value.is_object()) throw read.bad("not a JSON object");
    return value;
}

std::string kindOf(const std::string& body, const char* field) {
    auto value = nlohmann::json::parse(body, nullptr, false);
    if (!value.is_object()) return "";
    auto it = value.find(field);
    return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

LogEntry parseRekorAnswer(const std::string& text, const std::string& what) {
    const Reader read{ErrorKind::Registry, what};
    try {
        const auto answer = parsed(text, read);
        if (answer.size() != 1 || !answer.begin()->is_object())
            throw read.bad("not one {uuid: entry} object");
        const auto& item = *answer.begin();
        LogEntry entry;
        entry.body = read.base64(item, "body");
        entry.integratedTime = read.integer(item, "integratedTime");
        entry.logIndex = read.integer(item, "logIndex");
        entry.logId = read.hex(item, "logID");
        const auto& verification = read.object(item, "verification");
        entry.signedEntryTimestamp = read.base64(verification, "signedEntryTimestamp");
        if (auto proof = verification.find("inclusionProof");
            proof != verification.end() && proof->is_object()) {
            InclusionProof inclusion;
            inclusion.logIndex = read.integer(*proof, "logIndex");
            inclusion.rootHash = read.hex(*proof, "rootHash");
            inclusion.treeSize = read.integer(*proof, "treeSize");
            inclusion.checkpoint = read.string(*proof, "checkpoint");
            inclusion.hashes = read.list(*proof, "hashes", crypto::hexDecode, "hex");
            entry.inclusionProof = std::move(inclusion);
        }
        return entry;
    } catch (const nlohmann::json::exception& e) {
        throw read.bad(std::string("malformed: ") + e.what());
    }
}

std::string cosignBundleAnnotation(const LogEntry& entry) {
    json::Ordered payload;
    payload["body"] = crypto::base64Encode(entry.body);
    payload["integratedTime"] = entry.integratedTime;
    payload["logIndex"] = entry.logIndex;
    payload["logID"] = crypto::hexEncode(entry.logId);
    json::Ordered bundle;
    bundle["SignedEntryTimestamp"] = crypto::base64Encode(entry.signedEntryTimestamp);
    bundle["Payload"] = payload;
    return json::goMarshal(bundle);
}

LogEntry parseCosignBundleAnnotation(const std::string& text) {
    const Reader read{ErrorKind::Verify, "the dev.sigstore.cosign/bundle annotation"};
    try {
        const auto bundle = parsed(text, read);
        const auto& payload = read.object(bundle, "Payload");
        LogEntry entry;
        entry.signedEntryTimestamp = read.base64(bundle, "SignedEntryTimestamp");
        entry.body = read.base64(payload, "body");
        entry.integratedTime = read.integer(payload, "integratedTime");
        entry.logIndex = read.integer(payload, "logIndex");
        entry.logId = read.hex(payload, "logID");
        return entry;
    } catch (const nlohmann::json::exception& e) {
        throw read.bad(std::string("malformed: ") + e.what());
    }
}

json::Ordered bundleTlogEntry(const LogEntry& entry) {
    json::Ordered item;
    item["logIndex"] = std::to_string(entry.logIndex);
    item["logId"] = json::Ordered{{"keyId", crypto::base64Encode(entry.logId)}};
    item["kindVersion"] = json::Ordered{{"kind", kindOf(entry.body, "kind")},
                                        {"version", kindOf(entry.body, "apiVersion")}};
    item["integratedTime"] = std::to_string(entry.integratedTime);
    if (!entry.signedEntryTimestamp.empty()) {
        item["inclusionPromise"] = json::Ordered{
            {"signedEntryTimestamp", crypto::base64Encode(entry.signedEntryTimestamp)}};
    }
    if (entry.inclusionProof) {
        const InclusionProof& proof = *entry.inclusionProof;
        json::Ordered hashes = json::Ordered::array();
        for (const auto& hash : proof.hashes) hashes.push_back(crypto::base64Encode(hash));
        json::Ordered inclusion;
        inclusion["logIndex"] = std::to_string(proof.logIndex);
        inclusion["rootHash"] = crypto::base64Encode(proof.rootHash);
        inclusion["treeSize"] = std::to_string(proof.treeSize);
        if (!proof.hashes.empty()) inclusion["hashes"] = hashes;
        inclusion["checkpoint"] = json::Ordered{{"envelope", proof.checkpoint}};
        item["inclusionProof"] = inclusion;
    }
    item["canonicalizedBody"] = crypto::base64Encode(entry.body);
    return item;
}

LogEntry parseBundleTlogEntry(const nlohmann::json& item) {
    const Reader read{ErrorKind::Verify, "the bundle's tlog entry"};
    try {
        if (!item.is_object()) throw read.bad("not a JSON object");
        LogEntry entry;
        entry.logIndex = read.protoInteger(item, "logIndex");
        entry.logId = read.base64(read.object(item, "logId"), "keyId");
        entry.integratedTime = read.protoInteger(item, "integratedTime");
        entry.body = read.base64(item, "canonicalizedBody");
        if (auto promise = item.find("inclusionPromise"); promise != item.end())
            entry.signedEntryTimestamp = read.base64(*promise, "signedEntryTimestamp");
        if (auto proof = item.find("inclusionProof"); proof != item.end()) {
            InclusionProof inclusion;
            inclusion.logIndex = read.protoInteger(*proof, "logIndex");
            inclusion.rootHash = read.base64(*proof, "rootHash");
            inclusion.treeSize = read.protoInteger(*proof, "treeSize");
            inclusion.checkpoint = read.string(read.object(*proof, "checkpoint"), "envelope");
            inclusion.hashes = read.list(*proof, "hashes", crypto::base64Decode, "base64");
            entry.inclusionProof = std::move(inclusion);
        }
        return entry;
    } catch (const nlohmann::json::exception& e) {
        throw read.bad(std::string("malformed: ") + e.what());
    }
}

std::string signedEntryTimestampPayload(const LogEntry& entry) {
    nlohmann::json payload;  // sorted keys: RFC 8785 for these ASCII strings and integers
    payload["body"] = crypto::base64Encode(entry.body);
    payload["integratedTime"] = entry.integratedTime;
    payload["logID"] = crypto::hexEncode(entry.logId);
    payload["logIndex"] = entry.logIndex;
    return payload.dump();
}

}  // namespace signet::sigstore
