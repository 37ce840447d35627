#include "config/TaskSpec.h"

#include <sstream>

#include "config/SettingTable.h"

namespace signet::config {

std::string_view toString(FailOn value) {
    return value == FailOn::Any ? "any" : "all";
}

std::string_view toString(SbomMode value) {
    switch (value) {
        case SbomMode::Off:
            return "off";
        case SbomMode::Generate:
            return "generate";
        case SbomMode::File:
            return "file";
    }
    return "off";
}

std::string_view toString(SbomAttach value) {
    switch (value) {
        case SbomAttach::Attestation:
            return "attestation";
        case SbomAttach::Attach:
            return "attach";
        case SbomAttach::Both:
            return "both";
    }
    return "attestation";
}

std::string originOf(const TaskSpec& spec, std::string_view key) {
    auto it = spec.origins.find(std::string(key));
    if (it != spec.origins.end()) return it->second;
    const SettingDef* def = findSetting(key);
    if (def == nullptr) return std::string(key);
    std::string ways;
    auto add = [&ways](const std::string& way) {
        if (!ways.empty()) ways += ", ";
        ways += way;
    };
    if (!def->env.empty()) add(def->env.front());
    if (!def->flags.empty()) add(def->flags.front());
    if (def->inYaml) add("'" + def->key + "' in the task YAML");
    if (!def->input.empty()) add("the '" + def->input + "' action input");
    return std::string(key) + " (" + ways + ")";
}

namespace {

template <typename T>
std::string optionalText(const std::optional<T>& value) {
    if (!value) return "-";
    std::ostringstream out;
    out << *value;
    return out.str();
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ",";
        out += item;
    }
    return out.empty() ? "-" : out;
}

}  // namespace

std::string describe(const TaskSpec& spec) {
    std::ostringstream out;
    out << "images: " << joined(spec.images) << "\n"
        << "images_file: " << optionalText(spec.imagesFile) << "\n"
        << "tags: " << joined(spec.tags) << "\n"
        << "digest: " << optionalText(spec.digest) << "\n"
        << "repository: " << optionalText(spec.repository) << "\n"
        << "allow_tag_only: " << spec.allowTagOnly << " verify_tags: " << spec.verifyTags
        << " recursive: " << spec.recursive << "\n"
        << "identity: " << cosign::identityModeWords()[static_cast<std::size_t>(spec.identity)]
        << "\n"
        << "annotations:";
    for (const auto& [key, value] : spec.annotations) out << " " << key << "=" << value;
    out << "\n"
        << "key: " << optionalText(spec.key) << " key_dir: " << optionalText(spec.keyDir)
        << " key_password: " << optionalText(spec.keyPassword)
        << " password_file: " << optionalText(spec.passwordFile) << "\n"
        << "signature_format: " << toString(spec.signatureFormat)
        << " fail_on: " << toString(spec.failOn) << "\n"
        << "registry: insecure=" << joined(spec.registry.insecure)
        << " ca_file=" << optionalText(spec.registry.caFile)
        << " username=" << optionalText(spec.registry.username)
        << " password=" << optionalText(spec.registry.password)
        << " token=" << optionalText(spec.registry.token) << " retries=" << spec.registry.retries
        << " timeout=" << spec.registry.timeout.count()
        << "s concurrency=" << spec.registry.concurrency << "\n"
        << "outputs: report=" << spec.outputs.report
        << " results_dir=" << optionalText(spec.outputs.resultsDir) << "\n"
        << "sbom: mode=" << toString(spec.sbom.mode) << " file=" << optionalText(spec.sbom.file)
        << " format=" << sbom::traitsOf(spec.sbom.format).word
        << " attach=" << toString(spec.sbom.attach)
        << " platforms=" << (spec.sbom.platforms.empty() ? "all" : joined(spec.sbom.platforms))
        << " max_bytes=" << spec.sbom.maxBytes << " dir=" << optionalText(spec.sbom.dir)
        << " cache_dir=" << optionalText(spec.sbom.cacheDir)
        << " cache_max_bytes=" << spec.sbom.cacheMaxBytes << "\n";
    return out.str();
}

std::vector<std::string> secretValues(const TaskSpec& spec) {
    std::vector<std::string> values;
    for (const auto* secret : {&spec.keyPassword, &spec.registry.password, &spec.registry.token,
                               &spec.sigstore.identityToken}) {
        if (*secret && !(*secret)->empty()) values.push_back(std::string((*secret)->view()));
    }
    return values;
}

}  // namespace signet::config
