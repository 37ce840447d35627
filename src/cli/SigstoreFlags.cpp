#include "cli/SigstoreFlags.h"

#include "error/Error.h"

namespace signet::cli {

void SigningFlags::addTo(ArgumentParser& parser, bool bundles) {
    parser.flag("--yes,-y", &yes, "accepted for cosign's scripts: signet never prompts");
    if (bundles) {
        parser.option("--signature-format", &signatureFormat,
                      "legacy (cosign's .sig tag, the default) or bundle (cosign v3's Sigstore "
                      "bundle as an OCI 1.1 referrer)");
    }
    parser.flag("--tlog-upload", &tlogUpload,
                "upload to a Rekor transparency log: only =false (what signet does) for now");
    parser.flag("--new-bundle-format", &newBundleFormat,
                bundles ? "cosign's switch: true is --signature-format bundle"
                        : "write a Sigstore bundle: only =false for now");
    parser.flag("--use-signing-config", &useSigningConfig,
                "take Sigstore's service URLs from TUF: only =false for now");
}

cosign::SignatureFormat SigningFlags::check() const {
    if (tlogUpload) {
        throw Error(ErrorKind::Usage,
                    "--tlog-upload=true needs a Rekor transparency log, which signet does not "
                    "talk to yet; pass --tlog-upload=false (signatures then verify with "
                    "cosign verify --insecure-ignore-tlog)");
    }
    if (useSigningConfig) {
        throw Error(ErrorKind::Usage,
                    "--use-signing-config=true needs Sigstore's services, which signet does not "
                    "talk to yet; pass --use-signing-config=false");
    }
    auto format = signatureFormat.empty()
                      ? cosign::SignatureFormat::Legacy
                      : cosign::parseSignatureFormat(signatureFormat, "--signature-format");
    if (newBundleFormat) {
        if (!signatureFormat.empty() && format != cosign::SignatureFormat::Bundle) {
            throw Error(
                ErrorKind::Usage,
                "--new-bundle-format=true contradicts --signature-format " + signatureFormat);
        }
        format = cosign::SignatureFormat::Bundle;
    }
    return format;
}

void VerifyingFlags::addTo(ArgumentParser& parser) {
    parser.flag("--insecure-ignore-tlog", &insecureIgnoreTlog,
                "accepted: signet checks the signature against the key and no transparency "
                "log yet");
    parser.flag("--check-claims", &checkClaims,
                "check the payload names the image digest: always true in signet");
}

void VerifyingFlags::check() const {
    if (!checkClaims) {
        throw Error(ErrorKind::Usage,
                    "--check-claims=false is not supported: signet always checks that the "
                    "signed payload names the image's digest");
    }
}

}  // namespace signet::cli
