// Reference: an image reference checked against distribution/reference's grammar and normalised
// the way go-containerregistry does (docker.io/busybox -> index.docker.io/library/busybox).
#pragma once

#include <string>
#include <string_view>

namespace signet::oci {

// A repository in a registry: "index.docker.io" + "library/busybox".
struct Repository {
    std::string registry;  // normalised host[:port]; Docker Hub is "index.docker.io"
    std::string path;      // "library/busybox"

    // "registry/path": cosign's docker-reference for the repository identity.
    std::string name() const { return registry + "/" + path; }
    bool operator==(const Repository&) const = default;
    auto operator<=>(const Repository&) const = default;
};

// repo[:tag][@sha256:hex]. Tag and digest may both be present ("repo:tag@sha256:...").
struct Reference {
    Repository repository;
    std::string tag;     // empty when absent (no implicit "latest" is stored here)
    std::string digest;  // "sha256:<64 lowercase hex>", empty when absent

    // Parses and normalises; throws signet::Error(Usage) naming the text and the problem. Every
    // part must match distribution's grammar (oci/ReferenceGrammar.h), so "a/../b", "a//b",
    // "A/b", "-a" and "a..b" are refused, and the name is at most 255 characters.
    // `busybox` → index.docker.io/library/busybox; `docker.io/x` → index.docker.io/x;
    // ports are kept; a digest must be "sha256:" + 64 lowercase hex (or sha384/sha512 lengths).
    static Reference parse(std::string_view text);

    bool hasTag() const { return !tag.empty(); }
    bool hasDigest() const { return !digest.empty(); }

    // "registry/path:tag" (no digest); requires a tag.
    std::string tagName() const;
    // "registry/path@digest"; requires a digest.
    std::string digestName() const;
    // ggcr Name(): "registry/path@digest" when a digest is present, else "registry/path:tag"
    // with "latest" when no tag was given.
    std::string name() const;
    // Full form keeping both: "registry/path:tag@digest".
    std::string str() const;
};

// True for "sha256:<64 lowercase hex>" (and sha384/sha512 with their lengths).
bool isValidDigest(std::string_view digest);

}  // namespace signet::oci
