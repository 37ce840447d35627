#include "SbomCommand.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "harness/Paths.h"
#include "harness/SignetProcess.h"

namespace signet::testing {
namespace {

std::string sbomFileName(const std::string& format) {
    return format == "spdx-tag" ? "sbom.spdx" : "sbom-" + format + ".json";
}

}  // namespace

CommandResult runSbom(const TestRegistry& registry, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"sbom"};
    argv.insert(argv.end(), args.begin(), args.end());
    return runSignet(argv, {{"SIGNET_INSECURE_REGISTRIES", registry.host()}});
}

std::string generateSbom(const TestRegistry& registry, const std::string& ref,
                         const std::string& format, const TempDir& scratch) {
    // ajv-cli picks its parser by the file extension, so JSON documents end in .json.
    std::string file = scratch.path() + "/" + sbomFileName(format);
    CommandResult result = runSbom(registry, {"--format", format, "-o", file, ref});
    if (result.exitCode != 0) {
        throw std::runtime_error("signet sbom --format " + format + " " + ref + " exited " +
                                 std::to_string(result.exitCode) + ": " + result.err);
    }
    if (format == "spdx-json") {
        EXPECT_EQ(spdxSchemaErrors(file), "") << ref;
    } else if (format == "cyclonedx-json") {
        EXPECT_EQ(cycloneDxSchemaErrors(file), "") << ref;
    }
    return readFile(file);
}

nlohmann::json generateValidSpdx(const TestRegistry& registry, const std::string& ref,
                                 const TempDir& scratch) {
    std::string text = generateSbom(registry, ref, "spdx-json", scratch);
    generateSbom(registry, ref, "cyclonedx-json", scratch);  // validated there
    return nlohmann::json::parse(text);
}

std::string cycloneDxSchemaErrors(const std::string& file) {
    const std::string library = sourceDir() + "/node_modules/@cyclonedx/cyclonedx-library";
    if (!std::filesystem::exists(library)) {
        return library + " is missing: run `npm ci` in the repository";
    }
    CommandResult result =
        runCommandForResult({"node", sourceDir() + "/tests/harness/validate-cyclonedx.mjs", file});
    return result.exitCode == 0 ? "" : result.out + result.err;
}

std::string spdxSchemaErrors(const std::string& file) {
    std::string ajv = sourceDir() + "/node_modules/.bin/ajv";
    if (!std::filesystem::exists(ajv)) {
        return ajv + " is missing: run `npm ci` in the repository to install ajv-cli";
    }
    // ajv-cli resolves `-c ajv-formats` from the working directory's node_modules.
    CommandResult result = runCommandForResult(
        {"sh", "-c",
         "cd \"$0\" && exec \"$1\" validate --spec=draft7 -c ajv-formats -s \"$2\" -d \"$3\"",
         sourceDir(), ajv, sharedDir() + "/schemas/spdx-2.3.schema.json", file});
    return result.exitCode == 0 ? "" : result.out + result.err;
}

nlohmann::json describedPackage(const nlohmann::json& document) {
    std::string described;
    for (const auto& relationship : document.at("relationships")) {
        if (relationship.at("relationshipType") == "DESCRIBES" &&
            relationship.at("spdxElementId") == "SPDXRef-DOCUMENT") {
            if (!described.empty()) throw std::runtime_error("more than one DESCRIBES");
            described = relationship.at("relatedSpdxElement");
        }
    }
    for (const auto& package : document.at("packages")) {
        if (package.at("SPDXID") == described) return package;
    }
    throw std::runtime_error("the document DESCRIBES no package (\"" + described + "\")");
}

}  // namespace signet::testing
