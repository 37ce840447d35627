// DockerfileImages: the images a Dockerfile builds from, as `cosign dockerfile verify` finds them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace signet::cosign {

struct DockerfileImages {
    std::vector<std::string> images;  // in the file's order
    std::vector<std::string> notes;   // "- scratch image ignored", "- stage reference ignored: x"
};

// Looks a variable up in the process environment (the build args a CI passes), nullopt if unset.
using VariableLookup = std::function<std::optional<std::string>(const std::string&)>;

// Reads the Dockerfile line by line as cosign does: the last word of each FROM (after any
// --platform=… and before "AS name", which records a stage) and each COPY --from=IMAGE; "scratch",
// stage names and stage numbers are skipped. $VAR and ${VAR} expand from earlier ARG/ENV
// key=value words, else `environment`, else nothing; ${VAR:-word} and ${VAR:+word} as Docker
// reads them. Throws Error(Usage) for "AS" without a name and a FROM left without an image
// (a build arg missing from the environment).
DockerfileImages dockerfileImages(const std::string& text, const VariableLookup& environment);

}  // namespace signet::cosign
