// ImageVerification: cosign verify's flags and its checks over a list of images, shared by
// `signet verify` and `signet dockerfile verify`.
#pragma once

#include <string>
#include <vector>

#include "cli/ArgumentParser.h"
#include "cli/RegistryFlags.h"
#include "cli/SigstoreFlags.h"
#include "config/Environment.h"
#include "secret/SecretScrubber.h"

namespace signet::cli {

struct VerifyFlags {
    std::string key;
    std::string output = "json";
    std::vector<std::string> annotations;
    std::string timeout;
    RegistryFlags registry;
    VerifyingFlags verifying;
    CertificateIdentityFlags certificate;  // keyless

    void addTo(ArgumentParser& parser);
};

// Verifies each image in turn as cosign verify does (stderr header, stdout JSON or text) and
// stops at the first that fails, returning its exit code (10 no signatures, 11 no such tag,
// 12 none matches); 0 when all verify. Throws Error for bad flags and unreachable registries.
int verifyImages(const std::string& command, const std::vector<std::string>& images,
                 const VerifyFlags& flags, const Environment& env, secret::SecretScrubber& secrets);

}  // namespace signet::cli
