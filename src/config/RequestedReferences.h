// RequestedReferences: turns images, the images file, and tags + digest (+ repository) into
// the list of reference strings to sign, in order and without duplicates.
#pragma once

#include <string>
#include <vector>

#include "config/TaskSpec.h"
#include "oci/Reference.h"

namespace signet::config {

// One image a run was asked to sign: the text as given (reports name it so) and its reference,
// parsed here once; the planner, the signer and the SBOM publisher take the parsed one.
struct RequestedImage {
    std::string text;
    oci::Reference reference;
};

// - every entry of `images`, then every line of `imagesFile` (blank lines and #comments skipped);
// - every tag combined with `digest`: a bare tag ("v1") becomes "<repository>:v1@<digest>", a
//   full reference (contains '/' or ':', e.g. docker/metadata-action's "ghcr.io/o/app:v1")
//   becomes "ghcr.io/o/app:v1@<digest>"; a tag that already has "@" is kept as given;
// - tags without a digest are kept as "repo:tag" only with allowTagOnly (the signer resolves them).
// Throws Error(Config, ...) naming the setting when a bare tag has no repository, tags have no
// digest and tag-only is not allowed, the images file cannot be read, or nothing was requested.
std::vector<std::string> requestedReferences(const TaskSpec& spec);

// Parses every reference; throws Error(Usage, "REF: <problem>") for the first invalid one.
// References that are the same after normalisation are one image (the first text is kept).
std::vector<RequestedImage> parseRequested(const std::vector<std::string>& texts);

}  // namespace signet::config
