// Descriptor: an OCI content descriptor, marshalled in go-containerregistry's field order.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "json/GoJson.h"

namespace signet::oci {

struct Descriptor {
    std::string mediaType;
    std::int64_t size = 0;
    std::string digest;
    std::map<std::string, std::string> annotations;
    nlohmann::json data = nullptr;      // base64 string when present
    nlohmann::json urls = nullptr;      // array when present
    nlohmann::json platform = nullptr;  // object when present
    std::string artifactType;

    bool operator==(const Descriptor&) const = default;
};

// ggcr order: mediaType, size, digest, data?, urls?, annotations?, platform?, artifactType?
json::Ordered toJson(const Descriptor& descriptor);
// Throws Error(Registry, "<what>: ...") when required fields are missing or mistyped.
Descriptor descriptorFromJson(const nlohmann::json& value, const std::string& what);

}  // namespace signet::oci
