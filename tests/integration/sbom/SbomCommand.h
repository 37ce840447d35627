// SbomCommand: runs the real `signet sbom` against a harness registry and checks SPDX schemas.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/Command.h"
#include "harness/TempDir.h"
#include "harness/TestRegistry.h"

namespace signet::testing {

// `signet sbom ARGS...` with the environment that lets it reach `registry` (loopback, plain
// HTTP as an insecure registry).
CommandResult runSbom(const TestRegistry& registry, const std::vector<std::string>& args);

// `signet sbom --format FORMAT -o <scratch>/sbom REF` which must exit 0; returns the file. An
// spdx-json document is checked against the SPDX 2.3 schema, a cyclonedx-json one against
// CycloneDX 1.6's (a failed check is a test failure, the text is still returned).
std::string generateSbom(const TestRegistry& registry, const std::string& ref,
                         const std::string& format, const TempDir& scratch);

// generateSbom(spdx-json), parsed; the image's cyclonedx-json document is made and checked too,
// so every image the SBOM tests build has both formats validated.
nlohmann::json generateValidSpdx(const TestRegistry& registry, const std::string& ref,
                                 const TempDir& scratch);

// Empty when `file` validates against /work/shared/schemas/spdx-2.3.schema.json (ajv-cli,
// draft-07, ajv-formats from the worktree's node_modules), else ajv's complaint.
std::string spdxSchemaErrors(const std::string& file);

// Empty when `file` declares specVersion 1.6 and validates against the official CycloneDX 1.6
// JSON schema (tests/harness/validate-cyclonedx.mjs: @cyclonedx/cyclonedx-library's strict
// validator and the schemas it ships), else the complaint.
std::string cycloneDxSchemaErrors(const std::string& file);

// The SPDX package the document DESCRIBES (the image).
nlohmann::json describedPackage(const nlohmann::json& document);

}  // namespace signet::testing
