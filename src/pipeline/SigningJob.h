// SigningJob: one tag@digest (or index child) to sign, as planned from the requested references.
#pragma once

#include <optional>
#include <string>

#include "error/Error.h"
#include "net/Deadline.h"
#include "oci/Reference.h"

namespace signet::pipeline {

struct SigningJob {
    std::string requested;                // the text the user gave, or "repo@child" for children
    oci::Reference reference;             // parsed; children carry the parent's tag
    std::optional<std::string> platform;  // "linux/amd64" for a child manifest of an index
    bool child = false;                   // a child of a recursively signed index: digest known
    // What a look-ahead tag check found (DigestLookahead), the digest or why there is none, and
    // the retries it took: the job's first step, done early; the job does not ask again.
    std::optional<std::string> resolvedDigest;
    std::optional<Error> resolveError;
    int lookaheadRetries = 0;
    // Set by the first step that works on the job: its time (SIGNET_TIMEOUT) runs from there.
    std::optional<net::Deadline> deadline;
};

}  // namespace signet::pipeline
