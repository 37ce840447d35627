// GithubOutputs: step outputs appended to $GITHUB_OUTPUT (counts, ref lists, report path).
#pragma once

#include <functional>
#include <string>

#include "pipeline/OutputSink.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

// "ghadelimiter_<32 random hex>" from OpenSSL's RNG.
std::string randomDelimiter();

// One output in GITHUB_OUTPUT syntax: "name=value\n" for a one-line value, otherwise
// "name<<DELIM\nvalue\nDELIM\n" with a delimiter from `delimiters` that does not occur in the
// value (a few draws are tried; then Error(Internal)). `multiline` forces the second form.
std::string githubOutputEntry(const std::string& name, const std::string& value, bool multiline,
                              const std::function<std::string()>& delimiters);

class GithubOutputs : public OutputSink {
  public:
    GithubOutputs(std::string outputFile, const secret::SecretScrubber& scrubber,
                  std::function<std::string()> delimiters = randomDelimiter);

    // signed-count, failed-count, skipped-count, signature-refs, sbom-refs, tlog-entries
    // (multiline, one a line), report (path).
    std::string entries(const Report& report, const WrittenReport& written) const;
    void publish(const Report& report, const WrittenReport& written) override;

  private:
    std::string outputFile_;
    const secret::SecretScrubber& scrubber_;
    std::function<std::string()> delimiters_;
};

}  // namespace signet::pipeline
