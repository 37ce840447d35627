#include "cosign/Predicate.h"

#include "error/Error.h"
#include "json/GoStruct.h"
#include "json/GoTime.h"

namespace signet::cosign {
namespace {

using json::GoField;
using json::GoKind;
using json::GoStruct;

// in-toto-golang v0.9.0, in_toto/slsa_provenance/common and v0.2.
const GoStruct kBuilder02{"ProvenanceBuilder", {{"id", GoKind::String}}};
const GoStruct kMaterial02{"ProvenanceMaterial",
                           {{"uri", GoKind::String, true}, {"digest", GoKind::StringMap, true}}};
const GoStruct kConfigSource02{"ConfigSource",
                               {{"uri", GoKind::String, true},
                                {"digest", GoKind::StringMap, true},
                                {"entryPoint", GoKind::String, true}}};
const GoStruct kInvocation02{"ProvenanceInvocation",
                             {{"configSource", GoKind::Struct, true, &kConfigSource02},
                              {"parameters", GoKind::Any, true},
                              {"environment", GoKind::Any, true}}};
const GoStruct kComplete02{
    "ProvenanceComplete",
    {{"parameters", GoKind::Bool}, {"environment", GoKind::Bool}, {"materials", GoKind::Bool}}};
const GoStruct kMetadata02{"ProvenanceMetadata",
                           {{"buildInvocationID", GoKind::String, true},
                            {"buildStartedOn", GoKind::TimePointer, true},
                            {"buildFinishedOn", GoKind::TimePointer, true},
                            {"completeness", GoKind::Struct, false, &kComplete02},
                            {"reproducible", GoKind::Bool}}};
const GoStruct kProvenance02{"ProvenancePredicate",
                             {{"builder", GoKind::Struct, false, &kBuilder02},
                              {"buildType", GoKind::String},
                              {"invocation", GoKind::Struct, true, &kInvocation02},
                              {"buildConfig", GoKind::Any, true},
                              {"metadata", GoKind::StructPointer, true, &kMetadata02},
                              {"materials", GoKind::StructSlice, true, &kMaterial02}}};

// in-toto-golang v0.9.0, in_toto/slsa_provenance/v1.
const GoStruct kResource1{"ResourceDescriptor",
                          {{"uri", GoKind::String, true},
                           {"digest", GoKind::StringMap, true},
                           {"name", GoKind::String, true},
                           {"downloadLocation", GoKind::String, true},
                           {"mediaType", GoKind::String, true},
                           {"content", GoKind::Bytes, true},
                           {"annotations", GoKind::AnyMap, true}}};
const GoStruct kBuildDefinition1{
    "ProvenanceBuildDefinition",
    {{"buildType", GoKind::String},
     {"externalParameters", GoKind::Any},
     {"internalParameters", GoKind::Any, true},
     {"resolvedDependencies", GoKind::StructSlice, true, &kResource1}}};
const GoStruct kBuilder1{"Builder",
                         {{"id", GoKind::String},
                          {"version", GoKind::StringMap, true},
                          {"builderDependencies", GoKind::StructSlice, true, &kResource1}}};
const GoStruct kBuildMetadata1{"BuildMetadata",
                               {{"invocationID", GoKind::String, true},
                                {"startedOn", GoKind::TimePointer, true},
                                {"finishedOn", GoKind::TimePointer, true}}};
const GoStruct kRunDetails1{"ProvenanceRunDetails",
                            {{"builder", GoKind::Struct, false, &kBuilder1},
                             {"metadata", GoKind::Struct, true, &kBuildMetadata1},
                             {"byproducts", GoKind::StructSlice, true, &kResource1}}};
const GoStruct kProvenance1{"ProvenancePredicate",
                            {{"buildDefinition", GoKind::Struct, false, &kBuildDefinition1},
                             {"runDetails", GoKind::Struct, false, &kRunDetails1}}};

// in-toto-golang v0.9.0, in_toto/model.go.
const GoStruct kLink{"Link",
                     {{"_type", GoKind::String},
                      {"name", GoKind::String},
                      {"materials", GoKind::AnyMap},
                      {"products", GoKind::AnyMap},
                      {"byproducts", GoKind::AnyMap},
                      {"command", GoKind::StringSlice},
                      {"environment", GoKind::AnyMap}}};

// cosign pkg/cosign/attestation (CosignVulnPredicate).
const GoStruct kVulnInvocation{"Invocation",
                               {{"parameters", GoKind::Any},
                                {"uri", GoKind::String},
                                {"event_id", GoKind::String},
                                {"builder.id", GoKind::String}}};
const GoStruct kVulnDb{"DB", {{"uri", GoKind::String}, {"version", GoKind::String}}};
const GoStruct kVulnScanner{"Scanner",
                            {{"uri", GoKind::String},
                             {"version", GoKind::String},
                             {"db", GoKind::Struct, false, &kVulnDb},
                             {"result", GoKind::Any}}};
const GoStruct kVulnMetadata{"Metadata",
                             {{"scanStartedOn", GoKind::Time}, {"scanFinishedOn", GoKind::Time}}};
const GoStruct kVuln{"CosignVulnPredicate",
                     {{"invocation", GoKind::Struct, false, &kVulnInvocation},
                      {"scanner", GoKind::Struct, false, &kVulnScanner},
                      {"metadata", GoKind::Struct, false, &kVulnMetadata}}};

json::Ordered parseJson(const PredicateFile& file) {
    json::Ordered parsed = json::Ordered::parse(file.contents, nullptr, false);
    if (parsed.is_discarded()) {
        throw Error(ErrorKind::Usage, "predicate for --type " + file.type + " is not valid JSON");
    }
    return parsed;
}

// json.Unmarshal's complaint about a value that is not a JSON object (null is a nil map).
void requireObject(const json::Ordered& value, const std::string& what) {
    if (value.is_object() || value.is_null()) return;
    const std::string word = value.is_boolean() ? "bool" : value.type_name();
    throw Error(ErrorKind::Usage, what + ": json: cannot unmarshal " + word +
                                      " into Go value of type map[string]interface {}");
}

json::Ordered generic(const json::Ordered& value) {
    return json::Ordered::parse(json::goGeneric(nlohmann::json::parse(value.dump())).dump());
}

// cosign's generate*Statement for a typed predicate: required keys, then the struct's layout.
json::Ordered throughStruct(const PredicateFile& file, const GoStruct& type,
                            const std::string& what, bool checkRequired) {
    const json::Ordered parsed = parseJson(file);
    if (checkRequired) {
        requireObject(parsed, what);
        for (const auto& key : json::requiredKeys(type)) {
            if (!parsed.is_object() || !parsed.contains(key)) {
                throw Error(ErrorKind::Usage, what + ": required field " + key + " missing");
            }
        }
    }
    try {
        return json::remarshal(parsed, type);
    } catch (const Error& e) {
        throw Error(ErrorKind::Usage, "predicate for --type " + file.type + ": " + e.what());
    }
}

}  // namespace

namespace {

json::Ordered predicateValue(const PredicateFile& file) {
    const std::string& type = file.type;
    if (type == "custom") {
        json::Ordered predicate = json::Ordered::object();
        predicate["Data"] = file.contents;
        predicate["Timestamp"] = json::rfc3339Utc(file.time);
        return predicate;
    }
    if (type == "spdx") return file.contents;
    if (type == "slsaprovenance" || type == "slsaprovenance02") {
        return throughStruct(file, kProvenance02, "provenance predicate", true);
    }
    if (type == "slsaprovenance1") {
        return throughStruct(file, kProvenance1, "provenance predicate", true);
    }
    if (type == "link") return throughStruct(file, kLink, "link statement", true);
    if (type == "vuln") return throughStruct(file, kVuln, "vuln predicate", false);
    const json::Ordered parsed = parseJson(file);
    if (type != "spdxjson" && type != "cyclonedx" && type != "openvex") {
        requireObject(parsed, "invalid JSON payload for predicate type " + type);
    }
    return generic(parsed);
}

}  // namespace

Predicate makePredicate(const PredicateFile& file) {
    return {file.type, predicateValue(file)};
}

}  // namespace signet::cosign
