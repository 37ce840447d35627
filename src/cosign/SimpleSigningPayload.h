// SimpleSigningPayload: the bytes `cosign sign` signs, written and parsed exactly as cosign does.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace signet::cosign {

inline constexpr const char* kCosignSignatureType = "cosign container image signature";

struct SimpleSigningPayload {
    std::string dockerReference;  // critical.identity.docker-reference
    std::string manifestDigest;   // critical.image.docker-manifest-digest
    nlohmann::json optional;      // null, or the object of annotations / other claims
};

// Compact Go JSON, no trailing newline; `"optional":null` when `annotations` is empty,
// otherwise the annotations as a map with sorted keys and string values.
std::string marshalPayload(const std::string& dockerReference, const std::string& manifestDigest,
                           const std::map<std::string, std::string>& annotations);

// Parses like cosign (json.Unmarshal into the struct: unknown keys ignored, missing ones empty).
// Throws Error(Verify) when the bytes are not a JSON object of that shape.
SimpleSigningPayload parsePayload(const std::string& bytes);

// Parses like containers/image (strict: exactly the keys of the schema, no duplicates, the type
// constant, optional null or object, optional.timestamp an integer). Throws Error(Verify).
SimpleSigningPayload parsePayloadStrict(const std::string& bytes);

// The payload as `cosign verify` prints it: re-marshalled with
// critical{identity,image,type},optional.
std::string remarshalForOutput(const SimpleSigningPayload& payload);

}  // namespace signet::cosign
