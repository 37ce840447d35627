// docker config.json / containers auth.json, looked up for a few repositories.
#include "oci/DockerConfigKeychain.h"
#include "secret/SecretScrubber.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = signet::fuzz::inputText(data, size);
    static const signet::oci::Repository repositories[] = {{"index.docker.io", "library/busybox"},
                                                           {"quay.io", "team/app"},
                                                           {"localhost:5000", "a/b/c"}};
    signet::secret::SecretScrubber secrets;  // what the file's entries register is not checked here
    for (const auto& repository : repositories) {
        signet::fuzz::refusingOnlyWithSignetErrors(
            [&] { signet::oci::configuredCredentials(text, "auth.json", repository, secrets); });
    }
    return 0;
}
