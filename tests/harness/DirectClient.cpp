#include "harness/DirectClient.h"

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/TestSecrets.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"

namespace signet::testing {

std::unique_ptr<oci::HttpRegistryClient> directClient(const TestRegistry& registry) {
    oci::RegistryOptions options;
    options.insecureHosts.insert(registry.host());
    if (!registry.username().empty()) {
        oci::ExplicitCredentials explicitCredentials;
        explicitCredentials.credentials.username = registry.username();
        explicitCredentials.credentials.password = registry.password();
        options.credentials = explicitCredentials;
    }
    auto client = std::make_unique<oci::HttpRegistryClient>(options, nullptr, testSecrets());
    client->setRetryHook([](const std::string&) {});
    return client;
}

std::string pushTinyImage(oci::RegistryClient& client, const oci::Repository& repo,
                          const std::string& tag, const std::string& label) {
    std::string layer = "layer of " + label;
    std::string config = R"({"architecture":"amd64","os":"linux","config":{"Labels":{"l":")" +
                         label + R"("}},"rootfs":{"type":"layers","diff_ids":[]}})";
    client.putBlob(repo, crypto::sha256Digest(layer), layer);
    client.putBlob(repo, crypto::sha256Digest(config), config);
    nlohmann::json manifest = {{"schemaVersion", 2},
                               {"mediaType", oci::media_type::kOciManifest},
                               {"config",
                                {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                 {"digest", crypto::sha256Digest(config)},
                                 {"size", config.size()}}},
                               {"layers",
                                {{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                                  {"digest", crypto::sha256Digest(layer)},
                                  {"size", layer.size()}}}}};
    std::string body = manifest.dump();
    client.putManifest(repo, tag, oci::media_type::kOciManifest, body);
    return crypto::sha256Digest(body);
}

std::vector<std::string> bundlesInTagIndex(oci::RegistryClient& client, const oci::Repository& repo,
                                           const std::string& digest) {
    std::vector<std::string> bundles;
    auto index = client.getManifest(repo, "sha256-" + digest.substr(7));
    if (!index) return bundles;
    const auto document = nlohmann::json::parse(index->body);
    for (const auto& entry : document["manifests"]) {
        auto manifest = client.getManifest(repo, entry["digest"].get<std::string>());
        if (!manifest) continue;
        auto parsed = oci::parseManifest(manifest->body, "referrer");
        if (parsed.layers.size() != 1) continue;
        bundles.push_back(client.getBlob(repo, parsed.layers[0].digest, 1 << 20));
    }
    return bundles;
}

}  // namespace signet::testing
