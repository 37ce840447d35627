// RpmNdb: the header blobs of rpm's own "ndb" Packages.db (SUSE, openSUSE).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

// Reads Packages.db as rpm's lib/backend/ndb/rpmpkg.c writes it: a 32-byte header ("RpmP",
// version 0, slot page count), 4 KiB slot pages of 16-byte slots ("Slot", package index, block
// offset, block count) and 16-byte blocks holding each blob between a "BlbS" head and a "BlbE"
// tail whose Adler-32 covers head, blob and padding. Every slot and blob is bounds-checked and
// its checksum verified; throws signet::Error(Registry) naming what is wrong. Blobs come in slot
// order.
std::vector<std::string> rpmNdbBlobs(std::string_view file);

}  // namespace signet::sbom
