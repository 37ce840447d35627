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

// True when an entry's "os/arch[/variant]" is the one asked for: equal, or `wanted` without
// the variant ("linux/arm64" takes "linux/arm64/v8").
bool platformMatches(const std::string& platform, const std::string& wanted);

// The entries with a valid digest; throws Error(Registry, "<what>: …") on malformed JSON.
std::vector<IndexEntry> parseIndex(const std::string& bytes, const std::string& what);

}  // namespace signet::oci
