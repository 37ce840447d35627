#include "harness/ReferrersApiShim.h"

#include <nlohmann/json.hpp>

#include "harness/RawHttp.h"

namespace signet::testing {

struct ReferrersApiShim::State {
    std::mutex mutex;
    // repository -> subject digest -> referrer manifest digest -> its index entry
    std::map<std::string, std::map<std::string, std::map<std::string, nlohmann::json>>> referrers;
    int queries = 0;
};

namespace {

constexpr const char* kIndex = "application/vnd.oci.image.index.v1+json";

// "/v2/<name>/<kind>/<reference>" split at the last two slashes; false when it is not one.
bool split(const std::string& path, const std::string& kind, std::string& name,
           std::string& reference) {
    if (path.rfind("/v2/", 0) != 0) return false;
    const std::size_t last = path.rfind('/');
    const std::size_t before =
        last == std::string::npos ? std::string::npos : path.rfind('/', last - 1);
    if (before == std::string::npos || before < 4 ||
        path.substr(before + 1, last - before - 1) != kind)
        return false;
    name = path.substr(4, before - 4);
    reference = path.substr(last + 1);
    return !name.empty() && !reference.empty();
}

std::string query(const std::string& target, const std::string& key) {
    const std::size_t mark = target.find('?');
    if (mark == std::string::npos) return "";
    const std::string prefix = key + "=";
    for (std::size_t at = mark + 1; at < target.size();) {
        const std::size_t end = std::min(target.find('&', at), target.size());
        if (target.compare(at, prefix.size(), prefix) == 0)
            return target.substr(at + prefix.size(), end - at - prefix.size());
        at = end + 1;
    }
    return "";
}

// What the registry stored: a manifest PUT it accepted (201) whose JSON has a subject.
void record(ReferrersApiShim::State& state, const HttpMessage& request, HttpMessage& response) {
    std::string name, reference;
    if (request.method() == "DELETE" && response.status() == 202 &&
        split(request.path(), "manifests", name, reference)) {
        std::lock_guard lock(state.mutex);
        for (auto& [subject, entries] : state.referrers[name]) entries.erase(reference);
        return;
    }
    if (request.method() != "PUT" || response.status() != 201 ||
        !split(request.path(), "manifests", name, reference))
        return;
    const auto manifest = nlohmann::json::parse(request.body, nullptr, false);
    const auto digest = response.head.header("Docker-Content-Digest");
    if (!manifest.is_object() || !manifest.contains("subject") || !digest) return;
    nlohmann::json entry = {{"mediaType", manifest.value("mediaType", "")},
                            {"digest", *digest},
                            {"size", request.body.size()}};
    std::string artifactType = manifest.value("artifactType", "");
    if (artifactType.empty() && manifest.contains("config"))
        artifactType = manifest["config"].value("mediaType", "");
    if (!artifactType.empty()) entry["artifactType"] = artifactType;
    if (manifest.contains("annotations")) entry["annotations"] = manifest["annotations"];
    const std::string subject = manifest["subject"].value("digest", "");
    {
        std::lock_guard lock(state.mutex);
        state.referrers[name][subject][*digest] = entry;
    }
    // What a registry with the API says on such a PUT (OCI distribution spec 1.1).
    const std::string header = "OCI-Subject: " + subject + "\r\n";
    response.head.raw.insert(response.head.raw.size() - 2, header);
    response.head.headers.emplace_back("OCI-Subject", subject);
}

std::optional<std::string> answer(ReferrersApiShim::State& state, const HttpMessage& request) {
    std::string name, digest;
    if (request.method() != "GET" || !split(request.path(), "referrers", name, digest))
        return std::nullopt;
    const std::string wanted = query(request.target(), "artifactType");
    nlohmann::json manifests = nlohmann::json::array();
    {
        std::lock_guard lock(state.mutex);
        ++state.queries;
        for (const auto& [unused, entry] : state.referrers[name][digest]) {
            if (wanted.empty() || entry.value("artifactType", "") == wanted)
                manifests.push_back(entry);
        }
    }
    const std::string body = nlohmann::json{
        {"schemaVersion", 2},
        {"mediaType", kIndex},
        {"manifests", manifests}}.dump();
    return "HTTP/1.1 200 OK\r\nContent-Type: " + std::string(kIndex) +
           "\r\nDocker-Distribution-API-Version: registry/2.0\r\n" +
           (wanted.empty() ? "" : "OCI-Filters-Applied: artifactType\r\n") +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

ReferrersApiShim::ReferrersApiShim(const std::string& upstream, FaultProxyOptions faults)
    : state_(std::make_shared<State>()) {
    faults.upstream = upstream;
    faults.respond = [state = state_](const HttpMessage& request) {
        return answer(*state, request);
    };
    faults.observe = [state = state_](const HttpMessage& request, HttpMessage& response) {
        record(*state, request, response);
    };
    proxy_ = std::make_unique<FaultProxy>(std::move(faults));
}

int ReferrersApiShim::referrersQueries() const {
    std::lock_guard lock(state_->mutex);
    return state_->queries;
}

}  // namespace signet::testing
