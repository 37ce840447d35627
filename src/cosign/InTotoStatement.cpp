#include "cosign/InTotoStatement.h"

#include <map>

#include "error/Error.h"
#include "json/GoJson.h"

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
                          const std::string& type, const std::string& predicate) {
    json::Ordered statement;
    statement["_type"] = kInTotoStatementType;
    statement["predicateType"] = predicateTypeFor(type);
    json::Ordered subject;
    subject["name"] = repository.name();
    auto colon = digest.find(':');
    subject["digest"] = json::Ordered{{digest.substr(0, colon), digest.substr(colon + 1)}};
    statement["subject"] = json::Ordered::array({subject});
    if (type == "spdx") {
        statement["predicate"] = predicate;
    } else {
        nlohmann::json parsed = nlohmann::json::parse(predicate, nullptr, false);
        if (parsed.is_discarded()) {
            throw Error(ErrorKind::Usage, "predicate for --type " + type + " is not valid JSON");
        }
        // Go re-marshals a generic value: object keys sorted (nlohmann::json keeps them sorted).
        statement["predicate"] = json::Ordered::parse(parsed.dump());
    }
    return json::goMarshal(statement);
}

}  // namespace signet::cosign
