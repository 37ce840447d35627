// SampleReport: a small report with a signed, a skipped and a failed reference and one logged SBOM.
#pragma once

#include "pipeline/Report.h"

namespace signet::pipeline::testing {

inline const std::string kDigestA = "sha256:" + std::string(64, 'a');
inline const std::string kDigestB = "sha256:" + std::string(64, 'b');

inline Report sampleReport() {
    Report report;
    report.toolVersion = "0.1.0";
    report.signatureFormat = "legacy-tag";
    RefResult signedRef;
    signedRef.ref = "ghcr.io/o/app:1.2@" + kDigestA;
    signedRef.digest = kDigestA;
    signedRef.identity = "ghcr.io/o/app:1.2";
    signedRef.location = "ghcr.io/o/app:sha256-" + std::string(64, 'a') + ".sig";
    signedRef.attempts = 1;
    RefResult skipped = signedRef;
    skipped.ref = "ghcr.io/o/app:latest@" + kDigestA;
    skipped.identity = "ghcr.io/o/app:latest";
    skipped.skippedExisting = true;
    skipped.attempts = 2;
    RefResult failed;
    failed.ref = "ghcr.io/o/other:1@" + kDigestB;
    failed.digest = kDigestB;
    failed.identity = "ghcr.io/o/other:1";
    failed.attempts = 4;
    failed.failure =
        RefFailure{ErrorKind::Auth, "registry said 401 Unauthorized; set SIGNET_REGISTRY_USERNAME"};
    report.results = {signedRef, skipped, failed};
    SbomEntry sbom;
    sbom.subject = "ghcr.io/o/app@" + kDigestA;
    sbom.platform = "linux/amd64";
    sbom.format = "spdx-json";
    sbom.sha256 = std::string(64, 'e');
    sbom.size = 1234;
    sbom.attach = "attestation";
    sbom.location = "ghcr.io/o/app@sha256:" + std::string(64, 'c');
    sbom.logIndex = 7;  // its attestation was logged; the signatures were not
    report.sboms = {sbom};
    return report;
}

}  // namespace signet::pipeline::testing
