#include "GroundTruth.h"

#include <cctype>

namespace signet::testing {
namespace {

std::string mainModuleVersion(const nlohmann::json& modules, const std::string& recorded) {
    if (recorded != "(devel)") return recorded;
    for (const auto& module : modules) {
        if (module.value("kind", "") != "build" || module.at("name") != "-ldflags") continue;
        std::string flags = module.at("version");
        const std::string marker = "-X main.version=";
        auto at = flags.find(marker);
        if (at == std::string::npos) continue;
        std::string value = flags.substr(at + marker.size());
        value = value.substr(0, value.find_first_of(" \"'"));
        return "v" + value;
    }
    return "(devel)";
}

}  // namespace

std::string normalizedPythonName(const std::string& name) {
    std::string normalized;
    for (char c : name) {
        bool separator = c == '-' || c == '_' || c == '.';
        if (!separator) {
            normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (normalized.empty() || normalized.back() != '-') {
            normalized += '-';
        }
    }
    return normalized;
}

std::multiset<PackageKey> debKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    for (const auto& row : truth.at("deb")) {
        if (row.at("status") == "installed")
            keys.insert({"deb", row.at("name"), row.at("version")});
    }
    return keys;
}

std::multiset<PackageKey> pythonKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    for (const auto& row : truth.at("python")) {
        keys.insert({"pypi", normalizedPythonName(row.at("name")), row.at("version")});
    }
    return keys;
}

std::multiset<PackageKey> npmKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    for (const auto& row : truth.at("npm")) keys.insert({"npm", row.at("name"), row.at("version")});
    return keys;
}

std::multiset<PackageKey> goKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    const auto& modules = truth.at("go");
    for (const auto& module : modules) {
        std::string kind = module.value("kind", "");
        if (kind == "build") continue;
        std::string version = module.at("version");
        if (kind == "mod") version = mainModuleVersion(modules, version);
        keys.insert({"golang", module.at("name"), version});
    }
    return keys;
}

std::multiset<PackageKey> rpmKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    for (const auto& row : truth.at("rpm")) {
        std::string epoch = row.at("epoch");
        std::string version = std::string(row.at("version")) + "-" + std::string(row.at("release"));
        keys.insert({"rpm", row.at("name"), epoch.empty() ? version : epoch + ":" + version});
    }
    return keys;
}

std::multiset<PackageKey> apkKeys(const nlohmann::json& truth) {
    std::multiset<PackageKey> keys;
    for (const auto& row : truth.at("apk")) keys.insert({"apk", row.at("name"), row.at("version")});
    return keys;
}

}  // namespace signet::testing
