// ImageManifest: an OCI/Docker image manifest and its config, as go-containerregistry marshals
// them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "oci/Descriptor.h"

namespace signet::oci {

struct ImageManifest {
    int schemaVersion = 2;
    std::string mediaType;
    Descriptor config;
    std::vector<Descriptor> layers;
    std::map<std::string, std::string> annotations;
    std::optional<Descriptor> subject;
    std::string artifactType;  // top-level, as cosign's referrer manifests carry it
};

// Compact Go JSON in ggcr v1.Manifest order (schemaVersion, mediaType, config, layers,
// annotations?, subject?, artifactType?).
std::string marshalManifest(const ImageManifest& manifest);
// Throws Error(Registry, "<what>: ...") on malformed input.
ImageManifest parseManifest(const std::string& bytes, const std::string& what);

struct HistoryEntry {
    std::string created = "0001-01-01T00:00:00Z";
    std::string createdBy, author, comment;
    bool emptyLayer = false;
};

// ggcr v1.ConfigFile, the fields an attachment image uses; `config` is kept verbatim.
struct ImageConfig {
    std::string architecture;
    std::string author, container;
    std::string created = "0001-01-01T00:00:00Z";
    std::string dockerVersion;
    std::vector<HistoryEntry> history;
    std::string os;
    std::string rootfsType = "layers";
    std::vector<std::string> diffIds;
    nlohmann::json config = nlohmann::json::object();
    std::string osVersion, variant;
    std::vector<std::string> osFeatures;
};

std::string marshalConfig(const ImageConfig& config);
ImageConfig parseConfig(const std::string& bytes, const std::string& what);

}  // namespace signet::oci
