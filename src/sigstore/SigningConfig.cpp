#include "sigstore/SigningConfig.h"

#include <nlohmann/json.hpp>

#include "error/Error.h"
#include "io/FileContents.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxSigningConfig = 1024 * 1024;

// The url of the first service in `list` valid at `now` whose majorApiVersion is `version`
// (0: any); `skipped` counts the valid ones of another version.
std::string pick(const nlohmann::json& list, std::time_t now, int version, int& skipped,
                 const std::string& what) {
    if (!list.is_array()) return "";
    for (const auto& service : list) {
        if (!service.is_object() || !service.contains("url") || !service["url"].is_string())
            throw Error(ErrorKind::Config, what + ": a service without a url");
        if (!validityOf(service, what).contains(now)) continue;
        if (version != 0 && service.value("majorApiVersion", 1) != version) {
            ++skipped;
            continue;
        }
        return service["url"];
    }
    return "";
}

}  // namespace

SigningConfig parseSigningConfig(const std::string& text, const std::string& what,
                                 std::time_t now) try {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_object()) throw Error(ErrorKind::Config, what + ": not a JSON object");
    const std::string mediaType = parsed.value("mediaType", "");
    if (mediaType != "application/vnd.dev.sigstore.signingconfig.v0.2+json")
        throw Error(
            ErrorKind::Config,
            what + ": not a Sigstore signing config v0.2 (media type \"" + mediaType + "\")");
    SigningConfig config;
    int otherRekors = 0, unused = 0;
    config.rekorUrl =
        pick(parsed.value("rekorTlogUrls", nlohmann::json()), now, 1, otherRekors, what);
    if (config.rekorUrl.empty() && otherRekors > 0)
        throw Error(ErrorKind::Config, what +
                                           ": lists only Rekor v2 instances; signet speaks "
                                           "Rekor API v1");
    config.tsaUrl = pick(parsed.value("tsaUrls", nlohmann::json()), now, 0, unused, what);
    config.fulcioUrl = pick(parsed.value("caUrls", nlohmann::json()), now, 0, unused, what);
    return config;
} catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Config, what + ": malformed: " + e.what());
}

SigningConfig loadSigningConfig(const std::string& path, std::time_t now) {
    return parseSigningConfig(
        io::readFileContents(path, kMaxSigningConfig, ErrorKind::Config, "signing config"),
        "signing config " + path, now);
}

}  // namespace signet::sigstore
