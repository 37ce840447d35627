#include "harness/SigstoreStandIns.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness/Paths.h"

namespace signet::testing {
namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

SigstoreStandIns::SigstoreStandIns(const std::map<std::string, std::string>& env) {
    process_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{"node", sourceDir() + "/tests/harness/sigstore-stand-ins.mjs",
                                 dir_.path() + "/root"},
        log(), env);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (contents(dir_.path() + "/root/url").empty()) {
        if (process_->exitCode() || std::chrono::steady_clock::now() > until)
            throw std::runtime_error("the Sigstore stand-ins did not start: " + contents(log()));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the root is written first
    url_ = contents(dir_.path() + "/root/url");
    std::ofstream(trustedRoot()) << contents(dir_.path() + "/root/trusted_root.json");
    std::ofstream(signingConfig())
        << R"({"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json",)"
        << R"("caUrls":[],"oidcUrls":[],)"
        << R"("rekorTlogUrls":[{"url":")" << url_
        << R"(","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],)"
        << R"("tsaUrls":[{"url":")" << tsaUrl()
        << R"(","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}],)"
        << R"("rekorTlogConfig":{"selector":"ANY"},"tsaConfig":{"selector":"ANY"}})";
}

}  // namespace signet::testing
