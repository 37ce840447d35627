#include "sigstore/CertificateIdentity.h"

#include <openssl/asn1.h>

#include <regex>

#include "error/Error.h"

namespace signet::sigstore {
namespace {

// The UTF8String inside a DER extension value, or "" when it is not one.
std::string derUtf8(const std::string& der) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    ASN1_UTF8STRING* text = d2i_ASN1_UTF8STRING(nullptr, &cursor, static_cast<long>(der.size()));
    if (!text) return "";
    std::string out(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                    static_cast<std::size_t>(ASN1_STRING_length(text)));
    ASN1_UTF8STRING_free(text);
    return out;
}

std::string raw(const crypto::Certificate& certificate, const char* oid) {
    return certificate.extension(oid).value_or("");
}

bool matches(const std::string& value, const std::string& pattern) {
    return std::regex_search(value, std::regex(pattern, std::regex::ECMAScript));
}

void compile(const std::string& pattern, const char* flag) {
    if (pattern.empty()) return;
    try {
        std::regex compiled(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        throw Error(ErrorKind::Usage,
                    std::string(flag) + ": \"" + pattern + "\" is not a regular expression");
    }
}

std::string claimProblem(const std::string& actual, const std::string& expected, const char* what) {
    if (expected.empty() || actual == expected) return "";
    return std::string("the certificate's ") + what + " \"" + actual + "\" is not \"" + expected +
           "\"";
}

}  // namespace

CertificateIdentity identityOf(const crypto::Certificate& certificate) {
    CertificateIdentity identity;
    identity.subjects = certificate.subjectAlternativeNames();
    if (auto v2 = certificate.extension(kIssuerOidV2)) identity.issuer = derUtf8(*v2);
    if (identity.issuer.empty()) identity.issuer = raw(certificate, kIssuerOidV1);
    identity.githubWorkflowTrigger = raw(certificate, "1.3.6.1.4.1.57264.1.2");
    identity.githubWorkflowSha = raw(certificate, "1.3.6.1.4.1.57264.1.3");
    identity.githubWorkflowName = raw(certificate, "1.3.6.1.4.1.57264.1.4");
    identity.githubWorkflowRepository = raw(certificate, "1.3.6.1.4.1.57264.1.5");
    identity.githubWorkflowRef = raw(certificate, "1.3.6.1.4.1.57264.1.6");
    return identity;
}

void checkRegexps(const IdentityPolicy& policy) {
    compile(policy.identityRegexp, "--certificate-identity-regexp");
    compile(policy.issuerRegexp, "--certificate-oidc-issuer-regexp");
}

std::string identityProblem(const CertificateIdentity& identity, const IdentityPolicy& policy) {
    bool subjectMatches = policy.identity.empty() && policy.identityRegexp.empty();
    for (const auto& subject : identity.subjects) {
        if (!policy.identity.empty() && subject == policy.identity) subjectMatches = true;
        if (!policy.identityRegexp.empty() && matches(subject, policy.identityRegexp))
            subjectMatches = true;
    }
    if (!subjectMatches) {
        const std::string expected = policy.identity.empty()
                                         ? "matching \"" + policy.identityRegexp + "\""
                                         : "\"" + policy.identity + "\"";
        return "the certificate's identity \"" + identity.subject() + "\" is not " + expected;
    }
    if (!policy.issuer.empty() && identity.issuer != policy.issuer)
        return "the certificate's OIDC issuer \"" + identity.issuer + "\" is not \"" +
               policy.issuer + "\"";
    if (!policy.issuerRegexp.empty() && !matches(identity.issuer, policy.issuerRegexp))
        return "the certificate's OIDC issuer \"" + identity.issuer + "\" does not match \"" +
               policy.issuerRegexp + "\"";
    for (const std::string& problem :
         {claimProblem(identity.githubWorkflowTrigger, policy.githubWorkflowTrigger,
                       "GitHub workflow trigger"),
          claimProblem(identity.githubWorkflowSha, policy.githubWorkflowSha, "GitHub workflow sha"),
          claimProblem(identity.githubWorkflowName, policy.githubWorkflowName,
                       "GitHub workflow name"),
          claimProblem(identity.githubWorkflowRepository, policy.githubWorkflowRepository,
                       "GitHub workflow repository"),
          claimProblem(identity.githubWorkflowRef, policy.githubWorkflowRef,
                       "GitHub workflow ref")})
        if (!problem.empty()) return problem;
    return "";
}

}  // namespace signet::sigstore
