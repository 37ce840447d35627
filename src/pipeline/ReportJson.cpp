#include "pipeline/ReportJson.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::pipeline {
namespace {

using Json = nlohmann::ordered_json;

Json optionalText(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json signedEntry(const RefResult& result) {
    Json entry;
    entry["ref"] = result.ref;
    entry["digest"] = result.digest;
    entry["identity"] = result.identity;
    entry["platform"] = optionalText(result.platform);
    entry["location"] = result.location;
    entry["attempts"] = result.attempts;
    entry["skippedExisting"] = result.skippedExisting;
    entry["logIndex"] = result.logIndex ? Json(*result.logIndex) : Json(nullptr);
    entry["timestamped"] = result.timestamped;
    if (!result.notes.empty()) entry["notes"] = result.notes;
    return entry;
}

Json failedEntry(const RefResult& result) {
    Json entry;
    entry["ref"] = result.ref;
    entry["digest"] = result.digest;
    entry["identity"] = result.identity;
    entry["platform"] = optionalText(result.platform);
    entry["category"] = std::string(categoryName(result.failure->kind));
    entry["message"] = result.failure->message;
    entry["attempts"] = result.attempts;
    return entry;
}

Json sbomEntry(const SbomEntry& sbom) {
    Json entry;
    entry["subject"] = sbom.subject;
    entry["platform"] = optionalText(sbom.platform);
    entry["format"] = sbom.format;
    entry["sha256"] = sbom.sha256;
    entry["size"] = sbom.size;
    entry["attach"] = sbom.attach;
    entry["location"] = sbom.location;
    entry["logIndex"] = sbom.logIndex ? Json(*sbom.logIndex) : Json(nullptr);
    return entry;
}

void scrubStrings(Json& value, const secret::SecretScrubber& scrubber) {
    if (value.is_string()) {
        value = scrubber.scrubOutput(value.get_ref<const std::string&>());
    } else if (value.is_structured()) {
        for (auto& item : value) scrubStrings(item, scrubber);
    }
}

Json reportDocument(const Report& report) {
    const ReportSummary summary = summarize(report);
    Json doc;
    doc["schema"] = Report::kSchema;
    doc["tool"] = {{"name", "signet"}, {"version", report.toolVersion}};
    doc["signatureFormat"] = report.signatureFormat;
    doc["signer"] = report.keyless ? Json{{"kind", "keyless"},
                                          {"identity", report.keyless->identity},
                                          {"issuer", report.keyless->issuer}}
                                   : Json{{"kind", "key"}};
    doc["resultsTruncated"] = report.resultsTruncated;
    if (report.runError) {
        doc["error"] = {{"category", std::string(categoryName(report.runError->kind))},
                        {"message", report.runError->message}};
    }
    doc["summary"] = {{"requested", summary.requested},
                      {"signed", summary.signedCount},
                      {"skipped", summary.skipped},
                      {"failed", summary.failed},
                      {"sboms", summary.sboms}};
    doc["signed"] = Json::array();
    doc["failed"] = Json::array();
    for (const auto& result : report.results) {
        doc[result.ok() ? "signed" : "failed"].push_back(result.ok() ? signedEntry(result)
                                                                     : failedEntry(result));
    }
    doc["sboms"] = Json::array();
    for (const auto& sbom : report.sboms) doc["sboms"].push_back(sbomEntry(sbom));
    return doc;
}

}  // namespace

std::string reportJson(const Report& report, const secret::SecretScrubber& scrubber) {
    Json doc = reportDocument(report);
    scrubStrings(doc, scrubber);
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

WrittenReport writeReportFile(const Report& report, const std::string& path,
                              const secret::SecretScrubber& scrubber) {
    const std::string text = reportJson(report, scrubber);
    if (int error = io::replaceFileAtomically(path, text, 0644)) {
        throw Error(ErrorKind::Config, path + ": cannot write the report (" + std::strerror(error) +
                                           "); check SIGNET_REPORT / --report");
    }
    return {path, crypto::hexEncode(crypto::sha256(text))};
}

}  // namespace signet::pipeline
