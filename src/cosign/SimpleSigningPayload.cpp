#include "cosign/SimpleSigningPayload.h"

#include <set>
#include <vector>

#include "error/Error.h"
#include "json/GoJson.h"

namespace signet::cosign {
namespace {

using json::Ordered;

Ordered payloadObject(const std::string& dockerReference, const std::string& manifestDigest,
                      const nlohmann::json& optional) {
    Ordered critical;
    critical["identity"] = Ordered{{"docker-reference", dockerReference}};
    critical["image"] = Ordered{{"docker-manifest-digest", manifestDigest}};
    critical["type"] = kCosignSignatureType;
    Ordered root;
    root["critical"] = std::move(critical);
    root["optional"] = Ordered::parse(optional.dump());
    return root;
}

[[noreturn]] void reject(const std::string& why) {
    throw Error(ErrorKind::Verify, "invalid signature payload: " + why);
}

std::string stringAt(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return "";
    if (!it->is_string()) reject(std::string(key) + " is not a string");
    return it->get<std::string>();
}

const nlohmann::json& objectAt(const nlohmann::json& object, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return empty;
    if (!it->is_object()) reject(std::string(key) + " is not an object");
    return *it;
}

// Strict: the object has exactly `keys`.
void requireExactKeys(const nlohmann::json& object, std::initializer_list<const char*> keys,
                      const std::string& where) {
    if (!object.is_object()) reject(where + " is not an object");
    if (object.size() != keys.size()) reject(where + " has unexpected keys");
    for (const char* key : keys) {
        if (!object.contains(key)) reject(where + " is missing \"" + key + "\"");
    }
}

// nlohmann keeps the last of duplicate keys; Go's strict parser in c/image rejects them.
// Detect duplicates with the SAX interface.
bool hasDuplicateKeys(const std::string& bytes) {
    struct DuplicateFinder : nlohmann::json_sax<nlohmann::json> {
        std::vector<std::set<std::string>> seen;
        bool duplicate = false;
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(number_integer_t) override { return true; }
        bool number_unsigned(number_unsigned_t) override { return true; }
        bool number_float(number_float_t, const string_t&) override { return true; }
        bool string(string_t&) override { return true; }
        bool binary(binary_t&) override { return true; }
        bool start_object(std::size_t) override {
            seen.emplace_back();
            return true;
        }
        bool key(string_t& k) override {
            if (!seen.back().insert(k).second) duplicate = true;
            return true;
        }
        bool end_object() override {
            seen.pop_back();
            return true;
        }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t, const std::string&,
                         const nlohmann::detail::exception&) override {
            return false;
        }
    } finder;
    nlohmann::json::sax_parse(bytes, &finder);
    return finder.duplicate;
}

nlohmann::json parseObject(const std::string& bytes) {
    nlohmann::json root = nlohmann::json::parse(bytes, nullptr, false);
    if (root.is_discarded()) reject("not valid JSON");
    if (!root.is_object()) reject("not a JSON object");
    return root;
}

}  // namespace

std::string marshalPayload(const std::string& dockerReference, const std::string& manifestDigest,
                           const std::map<std::string, std::string>& annotations) {
    nlohmann::json optional = nullptr;
    if (!annotations.empty()) {
        optional = nlohmann::json::object();
        for (const auto& [key, value] : annotations) optional[key] = value;
    }
    return json::goMarshal(payloadObject(dockerReference, manifestDigest, optional));
}

SimpleSigningPayload parsePayload(const std::string& bytes) {
    nlohmann::json root = parseObject(bytes);
    const nlohmann::json& critical = objectAt(root, "critical");
    SimpleSigningPayload payload;
    payload.dockerReference = stringAt(objectAt(critical, "identity"), "docker-reference");
    payload.manifestDigest = stringAt(objectAt(critical, "image"), "docker-manifest-digest");
    auto optional = root.find("optional");
    if (optional != root.end() && !optional->is_null()) {
        if (!optional->is_object()) reject("optional is not an object");
        payload.optional = *optional;
    }
    return payload;
}

SimpleSigningPayload parsePayloadStrict(const std::string& bytes) {
    nlohmann::json root = parseObject(bytes);
    if (hasDuplicateKeys(bytes)) reject("duplicate keys");
    requireExactKeys(root, {"critical", "optional"}, "payload");
    const nlohmann::json& critical = root["critical"];
    requireExactKeys(critical, {"type", "image", "identity"}, "critical");
    requireExactKeys(critical["image"], {"docker-manifest-digest"}, "critical.image");
    requireExactKeys(critical["identity"], {"docker-reference"}, "critical.identity");
    if (critical["type"] != kCosignSignatureType) reject("unexpected type");
    const nlohmann::json& optional = root["optional"];
    if (!optional.is_null() && !optional.is_object()) reject("optional is not an object");
    if (optional.is_object() && optional.contains("timestamp") &&
        !optional["timestamp"].is_number_integer()) {
        reject("optional.timestamp is not an integer");
    }
    SimpleSigningPayload payload;
    payload.dockerReference = stringAt(critical["identity"], "docker-reference");
    payload.manifestDigest = stringAt(critical["image"], "docker-manifest-digest");
    payload.optional = optional;
    return payload;
}

std::string remarshalForOutput(const SimpleSigningPayload& payload) {
    return json::goMarshal(
        payloadObject(payload.dockerReference, payload.manifestDigest, payload.optional));
}

}  // namespace signet::cosign
