// `signet version [--json]`: cosign's fields (git version, commit, tree state, build date,
// compiler, platform), as lines or as one JSON object.
#include <cctype>
#include <iostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "error/Error.h"
#include "error/ExitStatus.h"

#ifndef SIGNET_GIT_COMMIT
#define SIGNET_GIT_COMMIT "unknown"
#define SIGNET_GIT_TREE_STATE "unknown"
#define SIGNET_BUILD_DATE "unknown"
#endif

namespace signet::cli {
namespace {

std::string compiler() {
#if defined(__clang__)
    return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
    return std::string("g++ ") + __VERSION__;
#else
    return "unknown";
#endif
}

std::string platform() {
#if defined(__x86_64__)
    return "linux/amd64";
#elif defined(__aarch64__)
    return "linux/arm64";
#else
    return "linux/unknown";
#endif
}

}  // namespace

int runVersion(const Arguments& args, const Environment&, secret::SecretScrubber&) {
    bool json = false;
    ArgumentParser parser("version", "");
    parser.flag("--json", &json, "one JSON object (cosign version --json's field names)");
    if (!parser.parse(args).empty()) throw Error(ErrorKind::Usage, "takes no arguments");
    const std::pair<const char*, std::string> fields[] = {
        {"gitVersion", std::string("v") + SIGNET_VERSION},
        {"gitCommit", SIGNET_GIT_COMMIT},
        {"gitTreeState", SIGNET_GIT_TREE_STATE},
        {"buildDate", SIGNET_BUILD_DATE},
        {"compiler", compiler()},
        {"platform", platform()},
    };
    if (json) {
        nlohmann::ordered_json out;
        for (const auto& [name, value] : fields) out[name] = value;
        std::cout << out.dump(2) << "\n";
        return exit_code::kOk;
    }
    std::cout << "signet " << SIGNET_VERSION << "\n";
    for (const auto& [name, value] : fields) {
        std::string label =
            std::string(1, static_cast<char>(std::toupper(name[0]))) + (name + 1) + ":";
        std::cout << label << std::string(15 - label.size(), ' ') << value << "\n";
    }
    return exit_code::kOk;
}

}  // namespace signet::cli
