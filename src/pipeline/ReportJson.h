// ReportJson: the report file (SIGNET_REPORT) as JSON, schema 1, and its SHA-256.
#pragma once

#include <string>

#include "pipeline/Report.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

// Pretty-printed JSON (2-space indent, trailing newline) in the field order of the reference
// schema: schema, tool, signatureFormat, resultsTruncated, summary, signed, failed, sboms.
// Every string value is passed through `scrubber`.
std::string reportJson(const Report& report, const secret::SecretScrubber& scrubber);

struct WrittenReport {
    std::string path;
    std::string sha256;  // 64 lower-case hex of the bytes written
};

// Writes reportJson() to `path` (via a temporary file and rename). Throws Error(Config) naming
// the path when it cannot be written.
WrittenReport writeReportFile(const Report& report, const std::string& path,
                              const secret::SecretScrubber& scrubber);

}  // namespace signet::pipeline
