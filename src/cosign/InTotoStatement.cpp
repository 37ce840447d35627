#include "cosign/InTotoStatement.h"

#include <map>

#include "error/Error.h"

namespace signet::cosign {
namespace {

const std::map<std::string, std::string>& predicateTypes() {
    static const std::map<std::string, std::string> types = {
        {"spdx", "https://spdx.dev/Document"},
        {"spdxjson", "https://spdx.dev/Document"},
        {"cyclonedx", "https://cyclonedx.org/bom"},
        {"slsaprovenance", "https://slsa.dev/provenance/v0.2"},
        {"slsaprovenance02", "https://slsa.dev/provenance/v0.2"},
        {"slsaprovenance1", "https://slsa.dev/provenance/v1"},
        {"link", "https://in-toto.io/Link/v1"},
        {"vuln", "https://cosign.sigstore.dev/attestation/vuln/v1"},
        {"openvex", "https://openvex.dev/ns"},
        {"custom", "https://cosign.sigstore.dev/attestation/v1"},
    };
    return types;
}

}  // namespace

std::string predicateTypeFor(const std::string& type) {
    auto it = predicateTypes().find(type);
    if (it != predicateTypes().end()) return it->second;
    auto scheme = type.find("://");
    if (scheme == std::string::npos || scheme == 0) {
        throw Error(ErrorKind::Usage,
                    "unknown predicate type \"" + type +
                        "\": use spdx, spdxjson, cyclonedx, slsaprovenance, slsaprovenance1, link, "
                        "vuln, openvex, custom, or a URI");
    }
    return type;
}

std::string makeStatement(const oci::Repository& repository, const std::string& digest,
                          const Predicate& predicate) {
    json::Ordered statement;
    statement["_type"] = kInTotoStatementType;
    statement["predicateType"] = predicateTypeFor(predicate.type);
    json::Ordered subject;
    subject["name"] = repository.name();
    auto colon = digest.find(':');
    subject["digest"] = json::Ordered{{digest.substr(0, colon), digest.substr(colon + 1)}};
    statement["subject"] = json::Ordered::array({subject});
    statement["predicate"] = predicate.value;
    return json::goMarshal(statement);
}

const nlohmann::json* subjectNaming(const nlohmann::json& statement, const std::string& digest) {
    const auto colon = digest.find(':');
    if (colon == std::string::npos || !statement.is_object()) return nullptr;
    const std::string algorithm = digest.substr(0, colon), hex = digest.substr(colon + 1);
    auto subjects = statement.find("subject");
    if (subjects == statement.end() || !subjects->is_array()) return nullptr;
    for (const auto& subject : *subjects) {
        if (!subject.is_object() || !subject.contains("digest") || !subject["digest"].is_object())
            continue;
        auto value = subject["digest"].find(algorithm);
        if (value != subject["digest"].end() && value->is_string() && *value == hex)
            return &subject;
    }
    return nullptr;
}

}  // namespace signet::cosign
