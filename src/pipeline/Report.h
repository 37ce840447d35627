// Report: the plain result of a `signet run` — one entry per requested reference and per SBOM.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "error/Error.h"
#include "oci/Reference.h"

namespace signet::pipeline {

struct RefFailure {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;  // one line, no secrets
};

struct RefResult {
    std::string ref;                       // as requested, e.g. "ghcr.io/o/app:1.2@sha256:aa…"
    oci::Reference reference;              // `ref` as parsed once (empty when never parsed)
    std::string digest;                    // resolved digest ("" if never resolved)
    std::string identity;                  // docker-reference written into the payload
    std::optional<std::string> platform;   // "linux/amd64" for a child manifest of an index
    std::string location;                  // where the signature is stored
    unsigned attempts = 0;                 // registry, Rekor and TSA requests' retries included
    bool skippedExisting = false;          // an identical signature was already there
    std::optional<std::int64_t> logIndex;  // its transparency-log entry's, when logged
    bool timestamped = false;              // it carries an RFC 3161 timestamp
    std::vector<std::string> notes;  // e.g. the digest also has signatures in the other format
    std::optional<RefFailure> failure;

    bool ok() const { return !failure.has_value(); }
};

struct SbomEntry {
    std::string subject;  // "repo@sha256:…" the SBOM describes
    std::optional<std::string> platform;
    std::string format;  // "spdx-json", ...
    std::string sha256;  // hex of the SBOM document
    std::uint64_t size = 0;
    std::string attach;                    // "attestation", "attach", "both"
    std::string location;                  // where it was stored
    std::optional<std::int64_t> logIndex;  // its attestation's or signature's log entry's
};

struct ReportSummary {
    std::size_t requested = 0;
    std::size_t signedCount = 0;  // newly signed
    std::size_t skipped = 0;      // already signed
    std::size_t failed = 0;
    std::size_t sboms = 0;
};

// Who signed a keyless run: what its Fulcio certificate names.
struct KeylessSigner {
    std::string identity;  // the certificate's subject (a URI or an email)
    std::string issuer;    // the OIDC issuer
};

struct Report {
    static constexpr int kSchema = 1;
    std::string toolVersion;
    std::string signatureFormat;           // "legacy" or "bundle"
    std::optional<KeylessSigner> keyless;  // unset: signed with a key
    std::vector<RefResult> results;
    std::vector<SbomEntry> sboms;
    bool resultsTruncated = false;  // set when CI results could not hold every entry
    // Set when the run stopped before signing anything (bad configuration, no usable key).
    std::optional<RefFailure> runError;
};

ReportSummary summarize(const Report& report);

// Signature locations of successful results (signed or skipped), in order, without duplicates.
std::vector<std::string> signatureRefs(const Report& report);
// One line per stored SBOM, in order, without duplicates:
// "SUBJECT PLATFORM sha256:HEX LOCATION" (PLATFORM "-" when the image has none).
std::vector<std::string> sbomRefs(const Report& report);
// One line per logged signature, then per logged SBOM, in order, without duplicates:
// "LOCATION LOG_INDEX" (the stored bundle or layer and its transparency-log entry's index).
std::vector<std::string> tlogEntries(const Report& report);

}  // namespace signet::pipeline
