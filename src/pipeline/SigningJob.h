// SigningJob: one tag@digest (or index child) to sign, as planned from the requested references.
#pragma once

#include <optional>
#include <string>

#include "oci/Reference.h"

namespace signet::pipeline {

struct SigningJob {
    std::string requested;                // the text the user gave, or "repo@child" for children
    oci::Reference reference;             // parsed; children carry the parent's tag
    std::optional<std::string> platform;  // "linux/amd64" for a child manifest of an index
    bool child = false;                   // a child of a recursively signed index: digest known
};

}  // namespace signet::pipeline
