// InTotoStatement: the in-toto Statement cosign attest wraps in DSSE, with cosign's predicate
// types.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cosign/Predicate.h"
#include "oci/Reference.h"

namespace signet::cosign {

inline constexpr const char* kInTotoStatementType = "https://in-toto.io/Statement/v0.1";

// cosign's --type words → predicateType URIs (spdx, spdxjson, cyclonedx, slsaprovenance,
// slsaprovenance02, slsaprovenance1, link, vuln, openvex, custom); any other value must itself
// be a URI ("scheme://…") and is used as given. Throws Error(Usage) otherwise.
std::string predicateTypeFor(const std::string& type);

// The statement bytes (compact Go JSON, in-toto-golang's StatementHeader order): _type,
// predicateType, subject [{name: repository, digest: {sha256: hex}}], predicate.
std::string makeStatement(const oci::Repository& repository, const std::string& digest,
                          const Predicate& predicate);

// The statement's first subject whose digest names `digest` ("sha256:<hex>"), or nullptr.
const nlohmann::json* subjectNaming(const nlohmann::json& statement, const std::string& digest);

}  // namespace signet::cosign
