// StoreSettings: how and where attachment images (.sig, .att, .sbom) are written.
#pragma once

#include <chrono>
#include <optional>

#include "oci/Reference.h"

namespace signet::cosign {

struct StoreSettings {
    bool dockerMediaTypes = false;  // COSIGN_DOCKER_MEDIA_TYPES=1
    // COSIGN_REPOSITORY: the repository attachments go to instead of the image's own.
    std::optional<oci::Repository> repository;
    // The least time LostRaceCheck waits after the run's writes before it re-reads them. A
    // writer cannot see a peer's PUT that is still on its way, but a slow PUT watches its own
    // tag and puts back what it replaced (see SignatureStore::append), so the wait only has to
    // outlast that watch's interval. Zero means signet is the only writer and skips the check.
    std::chrono::milliseconds settle{250};
    // While a manifest PUT is unanswered this long, its tag is looked at again every as long.
    std::chrono::milliseconds watchEvery{80};

    // The repository that holds `image`'s attachments.
    oci::Repository attachmentsFor(const oci::Repository& image) const {
        return repository.value_or(image);
    }
};

}  // namespace signet::cosign
