// CertificateIdentity: who a Fulcio certificate says signed — its subject alternative names, the
// OIDC issuer and the GitHub workflow claims — and cosign verify's --certificate-* rules over them.
#pragma once

#include <string>
#include <vector>

#include "crypto/Certificate.h"

namespace signet::sigstore {

// Fulcio's extension OIDs (fulcio docs/oid-info.md).
inline constexpr const char* kIssuerOidV1 = "1.3.6.1.4.1.57264.1.1";  // raw string (deprecated)
inline constexpr const char* kIssuerOidV2 = "1.3.6.1.4.1.57264.1.8";  // DER UTF8String

struct CertificateIdentity {
    std::vector<std::string> subjects;  // email, URI and DNS subject alternative names
    std::string issuer;                 // the OIDC issuer (extension .1.8, else .1.1)
    // The GitHub workflow claims (the deprecated raw extensions .1.2 to .1.6 cosign reads).
    std::string githubWorkflowTrigger, githubWorkflowSha, githubWorkflowName,
        githubWorkflowRepository, githubWorkflowRef;

    // The first subject, or "" (what a report names).
    std::string subject() const { return subjects.empty() ? "" : subjects.front(); }
};

CertificateIdentity identityOf(const crypto::Certificate& certificate);

// cosign verify's identity flags. A regexp is ECMAScript matched anywhere in the value, as Go's
// regexp.MatchString does; an empty field asks nothing.
struct IdentityPolicy {
    std::string identity, identityRegexp;  // --certificate-identity[-regexp]: any subject
    std::string issuer, issuerRegexp;      // --certificate-oidc-issuer[-regexp]
    std::string githubWorkflowTrigger, githubWorkflowSha, githubWorkflowName,
        githubWorkflowRepository, githubWorkflowRef;  // --certificate-github-workflow-*

    // cosign requires an identity and an issuer (each exact or a regexp) for keyless.
    bool complete() const {
        return (!identity.empty() || !identityRegexp.empty()) &&
               (!issuer.empty() || !issuerRegexp.empty());
    }
};

// Throws Error(Usage, "<flag>: …") for a regexp that does not compile.
void checkRegexps(const IdentityPolicy& policy);

// Empty when `identity` satisfies `policy`, else the reason ("the certificate's identity
// https://… is not the expected …").
std::string identityProblem(const CertificateIdentity& identity, const IdentityPolicy& policy);

}  // namespace signet::sigstore
