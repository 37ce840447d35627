// The shipped JSON schema (task/signet.schema.json) and the YAML loader must agree: the example
// validates with ajv-cli (npm, installed by `npm ci`), both reject the same bad documents, and
// both know exactly the same keys and enum words.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "config/SettingApplier.h"
#include "config/SettingTable.h"
#include "config/TaskYaml.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

struct CommandResult {
    int exitCode = -1;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string schemaPath() {
    return testing::sourceDir() + "/task/signet.schema.json";
}

// One ajv-cli run over all `dataFiles`; it prints "<file> valid" or "<file> invalid" for each.
CommandResult ajvValidate(const std::vector<std::string>& dataFiles) {
    const std::string ajv = testing::sourceDir() + "/node_modules/.bin/ajv";
    if (!std::filesystem::exists(ajv)) {
        ADD_FAILURE() << ajv << " is missing: run `npm ci` in the repository first";
        return {};
    }
    std::string command = "'" + ajv + "' validate --spec=draft7 -s '" + schemaPath() + "'";
    for (const auto& file : dataFiles) command += " -d '" + file + "'";
    return run(command);
}

bool loaderAccepts(const std::string& path) {
    try {
        TaskSpec spec;
        applySettings(spec, readTaskYaml(path));
        return true;
    } catch (const Error&) {
        return false;
    }
}

nlohmann::json schema() {
    return nlohmann::json::parse(testing::readFile(schemaPath()));
}

TEST(TaskSchema, ExampleTaskYamlIsValid) {
    const std::string example = testing::sourceDir() + "/task/signet.yaml";
    const CommandResult result = ajvValidate({example});
    EXPECT_EQ(result.exitCode, 0) << result.output;
    EXPECT_NE(result.output.find(example + " valid"), std::string::npos) << result.output;
    EXPECT_TRUE(loaderAccepts(example));
}

TEST(TaskSchema, SchemaAndLoaderRejectTheSameBadDocuments) {
    testing::ScopedTempDir dir;
    const std::vector<std::string> bad = {
        "imagez: [a]\n",     "registry:\n  retry: 3\n", "fail_on: some\n",
        "identity: [tag]\n", "sbom: generate\n",        "registry:\n  concurrency: 0\n",
        "key_password: x\n", "digest: sha256:abc\n",    "sbom:\n  attach: referrer\n",
    };
    std::vector<std::string> files;
    for (std::size_t i = 0; i < bad.size(); ++i) {
        files.push_back(dir.file("bad" + std::to_string(i) + ".yaml"));
        testing::writeFile(files.back(), bad[i]);
        EXPECT_FALSE(loaderAccepts(files.back())) << bad[i];
    }
    const CommandResult result = ajvValidate(files);
    EXPECT_NE(result.exitCode, 0) << result.output;
    for (std::size_t i = 0; i < bad.size(); ++i) {
        EXPECT_NE(result.output.find(files[i] + " invalid"), std::string::npos)
            << bad[i] << result.output;
    }
}

// Keys the schema declares, dotted for sections ("registry.retries").
std::set<std::string> schemaKeys(const nlohmann::json& doc) {
    std::set<std::string> keys;
    for (const auto& [key, property] : doc.at("properties").items()) {
        if (property.value("type", "") == "object" && property.contains("properties")) {
            for (const auto& [inner, unused] : property.at("properties").items()) {
                keys.insert(key + "." + inner);
            }
        } else {
            keys.insert(key);
        }
    }
    return keys;
}

TEST(TaskSchema, SchemaAndLoaderKnowTheSameKeys) {
    std::set<std::string> loaderKeys;
    for (const auto& def : settingTable()) {
        if (def.inYaml) loaderKeys.insert(def.key);
    }
    EXPECT_EQ(schemaKeys(schema()), loaderKeys);
    EXPECT_FALSE(schema().at("additionalProperties").get<bool>());
}

TEST(TaskSchema, SchemaEnumsAreTheLoaderChoices) {
    const nlohmann::json doc = schema();
    for (const auto& def : settingTable()) {
        if (def.kind != ValueKind::Choice || !def.inYaml) continue;
        const auto dot = def.key.find('.');
        const nlohmann::json& property = dot == std::string::npos
                                             ? doc.at("properties").at(def.key)
                                             : doc.at("properties")
                                                   .at(def.key.substr(0, dot))
                                                   .at("properties")
                                                   .at(def.key.substr(dot + 1));
        EXPECT_EQ(property.at("enum").get<std::vector<std::string>>(), def.choices) << def.key;
    }
}

}  // namespace
}  // namespace signet::config
