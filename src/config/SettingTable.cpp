#include "config/SettingTable.h"

#include <set>

namespace signet::config {
namespace {

template <typename T>
T take(SettingValue& value) {
    return std::move(std::get<T>(value));
}

template <typename Enum>
Enum choice(SettingValue& value) {
    return static_cast<Enum>(std::get<ChoiceIndex>(value).index);
}

std::vector<SettingDef> buildTable() {
    using K = ValueKind;
    // Choice lists are in enum order (TaskSpec.h).
    return {
        {.key = "images",
         .kind = K::List,
         .env = {"SIGNET_IMAGES"},
         .input = "images",
         .flags = {"--image", "--images"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.images = take<std::vector<std::string>>(v); }},
        {.key = "images_file",
         .kind = K::Text,
         .env = {"SIGNET_IMAGES_FILE"},
         .flags = {"--images-file"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.imagesFile = take<std::string>(v); }},
        {.key = "tags",
         .kind = K::List,
         .env = {"SIGNET_TAGS"},
         .input = "tags",
         .flags = {"--tag", "--tags"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.tags = take<std::vector<std::string>>(v); }},
        {.key = "digest",
         .kind = K::Digest,
         .env = {"SIGNET_DIGEST"},
         .input = "digest",
         .flags = {"--digest"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.digest = take<std::string>(v); }},
        {.key = "repository",
         .kind = K::Text,
         .env = {"SIGNET_REPOSITORY"},
         .input = "repository",
         .flags = {"--repository"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.repository = take<std::string>(v); }},
        {.key = "allow_tag_only",
         .kind = K::Bool,
         .env = {"SIGNET_ALLOW_TAG_ONLY"},
         .flags = {"--allow-tag-only"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.allowTagOnly = std::get<bool>(v); }},
        {.key = "verify_tags",
         .kind = K::Bool,
         .env = {"SIGNET_VERIFY_TAGS"},
         .flags = {"--verify-tags"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.verifyTags = std::get<bool>(v); }},
        {.key = "recursive",
         .kind = K::Bool,
         .env = {"SIGNET_RECURSIVE", "COSIGN_RECURSIVE"},
         .input = "recursive",
         .flags = {"--recursive"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.recursive = std::get<bool>(v); }},
        {.key = "identity",
         .kind = K::Choice,
         .env = {"SIGNET_IDENTITY"},
         .input = "identity",
         .flags = {"--identity"},
         .choices = {"tag", "repo"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.identity = choice<Identity>(v); }},
        {.key = "annotations",
         .kind = K::Annotations,
         .env = {"SIGNET_ANNOTATIONS"},
         .input = "annotations",
         .flags = {"--annotation", "--annotations"},
         .store =
             [](TaskSpec& s, SettingValue&& v) {
                 s.annotations = take<std::map<std::string, std::string>>(v);
             }},
        {.key = "key",
         .kind = K::Text,
         .env = {"SIGNET_KEY", "COSIGN_KEY"},
         .input = "key",
         .flags = {"--key"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.key = take<std::string>(v); }},
        {.key = "key_dir",
         .kind = K::Text,
         .env = {"SIGNET_KEY_DIR"},
         .flags = {"--key-dir"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.keyDir = take<std::string>(v); }},
        {.key = "key_password",
         .kind = K::SecretText,
         .inYaml = false,
         .env = {"COSIGN_PASSWORD"},
         .input = "key-password",
         .emptyIsValue = true,
         .store = [](TaskSpec& s, SettingValue&& v) { s.keyPassword = take<Secret>(v); }},
        {.key = "password_file",
         .kind = K::Text,
         .inYaml = false,
         .env = {"SIGNET_PASSWORD_FILE"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.passwordFile = take<std::string>(v); }},
        {.key = "signature_format",
         .kind = K::Choice,
         .env = {"SIGNET_SIGNATURE_FORMAT"},
         .input = "signature-format",
         .flags = {"--signature-format"},
         .choices = {"legacy-tag", "referrers"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.signatureFormat = choice<SignatureFormat>(v); }},
        {.key = "fail_on",
         .kind = K::Choice,
         .env = {"SIGNET_FAIL_ON"},
         .input = "fail-on",
         .flags = {"--fail-on"},
         .choices = {"any", "all"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.failOn = choice<FailOn>(v); }},
        {.key = "registry.insecure",
         .kind = K::List,
         .env = {"SIGNET_INSECURE_REGISTRIES"},
         .flags = {"--insecure-registry", "--insecure-registries"},
         .store =
             [](TaskSpec& s, SettingValue&& v) {
                 s.registry.insecure = take<std::vector<std::string>>(v);
             }},
        {.key = "registry.ca_file",
         .kind = K::Text,
         .env = {"SIGNET_REGISTRY_CA"},
         .flags = {"--registry-ca"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.registry.caFile = take<std::string>(v); }},
        {.key = "registry.username",
         .kind = K::Text,
         .inYaml = false,
         .env = {"SIGNET_REGISTRY_USERNAME", "COSIGN_REGISTRY_USERNAME"},
         .input = "registry-username",
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.registry.username = take<std::string>(v); }},
        {.key = "registry.password",
         .kind = K::SecretText,
         .inYaml = false,
         .env = {"SIGNET_REGISTRY_PASSWORD", "COSIGN_REGISTRY_PASSWORD"},
         .input = "registry-password",
         .store = [](TaskSpec& s, SettingValue&& v) { s.registry.password = take<Secret>(v); }},
        {.key = "registry.token",
         .kind = K::SecretText,
         .inYaml = false,
         .env = {"SIGNET_REGISTRY_TOKEN", "COSIGN_REGISTRY_TOKEN"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.registry.token = take<Secret>(v); }},
        {.key = "registry.retries",
         .kind = K::Count,
         .env = {"SIGNET_RETRIES"},
         .input = "retries",
         .flags = {"--retries"},
         .min = 0,
         .max = 20,
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.registry.retries = std::get<unsigned>(v); }},
        {.key = "registry.timeout",
         .kind = K::Duration,
         .env = {"SIGNET_TIMEOUT", "COSIGN_TIMEOUT"},
         .flags = {"--timeout"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.registry.timeout = std::get<std::chrono::seconds>(v); }},
        {.key = "registry.concurrency",
         .kind = K::Count,
         .env = {"SIGNET_CONCURRENCY"},
         .flags = {"--concurrency"},
         .min = 1,
         .max = 64,
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.registry.concurrency = std::get<unsigned>(v); }},
        {.key = "outputs.report",
         .kind = K::Text,
         .env = {"SIGNET_REPORT", "SIGNET_REPORT_FILE"},
         .flags = {"--report"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.outputs.report = take<std::string>(v); }},
        {.key = "outputs.results_dir",
         .kind = K::Text,
         .env = {"SIGNET_RESULTS_DIR"},
         .flags = {"--results-dir"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.outputs.resultsDir = take<std::string>(v); }},
        {.key = "sbom.mode",
         .kind = K::Choice,
         .env = {"SIGNET_SBOM"},
         .input = "sbom",
         .flags = {"--sbom"},
         .choices = {"off", "generate", "file"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.sbom.mode = choice<SbomMode>(v); }},
        {.key = "sbom.file",
         .kind = K::Text,
         .env = {"SIGNET_SBOM_FILE"},
         .input = "sbom-file",
         .flags = {"--sbom-file"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.sbom.file = take<std::string>(v); }},
        {.key = "sbom.format",
         .kind = K::Choice,
         .env = {"SIGNET_SBOM_FORMAT"},
         .input = "sbom-format",
         .flags = {"--sbom-format"},
         .choices = {"spdx-json", "spdx-tag", "cyclonedx-json"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.sbom.format = choice<SbomFormat>(v); }},
        {.key = "sbom.attach",
         .kind = K::Choice,
         .env = {"SIGNET_SBOM_ATTACH"},
         .input = "sbom-attach",
         .flags = {"--sbom-attach"},
         .choices = {"attestation", "attach", "both"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.sbom.attach = choice<SbomAttach>(v); }},
        {.key = "sbom.platforms",
         .kind = K::Platforms,
         .env = {"SIGNET_SBOM_PLATFORMS"},
         .input = "sbom-platforms",
         .flags = {"--sbom-platforms"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.sbom.platforms = take<std::vector<std::string>>(v); }},
        {.key = "sbom.max_bytes",
         .kind = K::ByteSize,
         .env = {"SIGNET_SBOM_MAX_BYTES"},
         .flags = {"--sbom-max-bytes"},
         .store = [](TaskSpec& s,
                     SettingValue&& v) { s.sbom.maxBytes = std::get<std::uint64_t>(v); }},
        {.key = "sbom.dir",
         .kind = K::Text,
         .env = {"SIGNET_SBOM_DIR"},
         .flags = {"--sbom-dir"},
         .store = [](TaskSpec& s, SettingValue&& v) { s.sbom.dir = take<std::string>(v); }},
    };
}

}  // namespace

const std::vector<SettingDef>& settingTable() {
    static const std::vector<SettingDef> table = buildTable();
    return table;
}

const SettingDef* findSetting(std::string_view key) {
    for (const auto& def : settingTable()) {
        if (def.key == key) return &def;
    }
    return nullptr;
}

const SettingDef* findSettingByFlag(std::string_view flag) {
    for (const auto& def : settingTable()) {
        for (const auto& name : def.flags) {
            if (name == flag) return &def;
        }
    }
    return nullptr;
}

std::vector<std::string> yamlSections() {
    std::set<std::string> sections;
    for (const auto& def : settingTable()) {
        auto dot = def.key.find('.');
        if (def.inYaml && dot != std::string::npos) sections.insert(def.key.substr(0, dot));
    }
    return {sections.begin(), sections.end()};
}

}  // namespace signet::config
