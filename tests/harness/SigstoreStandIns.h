// SigstoreStandIns: a stand-in for Sigstore's Rekor (API v1) and an RFC 3161 timestamp
// authority — tests/harness/sigstore-stand-ins.mjs, built on the sigstore project's own
// @sigstore/mock — on 127.0.0.1 with a free port, stopped by its PID. No real Rekor or TSA can
// run here (neither is packaged in Debian, and Go modules cannot be fetched).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "harness/BackgroundProcess.h"
#include "harness/TempDir.h"

namespace signet::testing {

class SigstoreStandIns {
  public:
    // `env`: STANDIN_FAIL=N (the first N entry POSTs answer 503), STANDIN_LOG=FILE.
    explicit SigstoreStandIns(const std::map<std::string, std::string>& env = {});

    const std::string& url() const { return url_; }  // http://127.0.0.1:PORT (Rekor base)
    std::string tsaUrl() const { return url_ + "/api/v1/timestamp"; }
    // A trusted_root.json naming the stand-ins' log key and TSA chain.
    std::string trustedRoot() const { return dir_.path() + "/trusted_root.json"; }
    // A signing config v0.2 naming both.
    std::string signingConfig() const { return dir_.path() + "/signing_config.json"; }
    std::string log() const { return dir_.path() + "/stand-ins.log"; }

  private:
    TempDir dir_;
    std::unique_ptr<BackgroundProcess> process_;
    std::string url_;
};

}  // namespace signet::testing
