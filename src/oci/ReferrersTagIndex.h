// ReferrersTagIndex: the OCI 1.1 referrers tag schema — the image index a registry without the
// referrers API keeps at the tag "sha256-<hex>", one descriptor per referrer of that digest.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "json/GoJson.h"
#include "oci/Descriptor.h"

namespace signet::oci {

class ReferrersTagIndex {
  public:
    // An index with no entries.
    ReferrersTagIndex();
    // An index read from the registry; other writers' entries and fields are kept as they are.
    // Throws Error(Registry, "<what>: …") when it is not an image index.
    static ReferrersTagIndex parse(const std::string& bytes, const std::string& what);

    bool contains(const std::string& digest) const;
    // The entries' descriptors, in index order (entries without a digest skipped).
    std::vector<Descriptor> entries() const;
    // Adds `referrer` ({mediaType, size, digest, annotations, artifactType}) unless its digest
    // is there, keeping entries sorted by digest as go-containerregistry does; true when added.
    bool add(const Descriptor& referrer);
    // Drops the entries with these digests; returns how many went.
    std::size_t remove(const std::set<std::string>& digests);
    bool empty() const;

    std::string bytes() const;

  private:
    json::Ordered document_;
};

}  // namespace signet::oci
