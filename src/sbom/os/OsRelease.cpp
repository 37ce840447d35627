#include "sbom/os/OsRelease.h"

#include <sstream>

namespace signet::sbom {
namespace {

std::string unquote(std::string value) {
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
    }
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
    }
    return out;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

std::string trim(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return "";
    auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

// "12" or "12.15" (digits, at most one inner dot).
bool isPointRelease(const std::string& text) {
    auto dot = text.find('.');
    auto digits = [](std::string_view part) {
        return !part.empty() && part.size() <= 16 &&
               part.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (dot == std::string::npos) return digits(text);
    return digits(std::string_view(text).substr(0, dot)) &&
           digits(std::string_view(text).substr(dot + 1));
}

}  // namespace

std::vector<FileRule> osReleaseFileRules() {
    FileRule rule;
    rule.globs = {PathGlob("etc/os-release"), PathGlob("usr/lib/os-release"),
                  PathGlob("etc/debian_version")};
    rule.maxBytes = 64 << 10;
    return {rule};
}

std::optional<LinuxRelease> parseOsRelease(const std::string& text) {
    LinuxRelease release;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = trim(line.substr(0, eq));
        std::string value = unquote(trim(line.substr(eq + 1)));
        if (key == "ID")
            release.id = value;
        else if (key == "ID_LIKE")
            release.idLike = words(value);
        else if (key == "VERSION_ID")
            release.versionId = value;
        else if (key == "VERSION")
            release.version = value;
        else if (key == "VERSION_CODENAME")
            release.versionCodename = value;
        else if (key == "BUILD_ID")
            release.buildId = value;
        else if (key == "PRETTY_NAME")
            release.prettyName = value;
        else if (key == "NAME")
            release.name = value;
    }
    if (release.id.empty() && release.name.empty()) return std::nullopt;
    return release;
}

std::optional<LinuxRelease> identifyRelease(const SquashedFilesystem& fs) {
    std::optional<LinuxRelease> release;
    for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
        if (const std::string* text = fs.content(path)) {
            release = parseOsRelease(*text);
            if (release) break;
        }
    }
    if (!release) return std::nullopt;
    if (release->id == "debian") {
        if (const std::string* text = fs.content("/etc/debian_version")) {
            std::string version = trim(*text);
            if (isPointRelease(version)) release->versionId = version;
        }
    }
    return release;
}

}  // namespace signet::sbom
