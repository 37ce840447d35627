// ImageIndex: the entries of an OCI image index or Docker manifest list.
#pragma once

#include <string>
#include <vector>

namespace signet::oci {

struct IndexEntry {
    std::string digest;
    std::string mediaType;
    std::string platform;      // "os/arch[/variant]", empty when the entry has none
    bool attestation = false;  // a BuildKit attestation manifest (vnd.docker.reference.type)
};

bool isIndexMediaType(const std::string& mediaType);

// The entries with a valid digest; throws Error(Registry, "<what>: …") on malformed JSON.
std::vector<IndexEntry> parseIndex(const std::string& bytes, const std::string& what);

}  // namespace signet::oci
