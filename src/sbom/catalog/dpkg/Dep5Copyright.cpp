#include "sbom/catalog/dpkg/Dep5Copyright.h"

#include <cctype>
#include <set>
#include <sstream>
#include <string_view>

namespace signet::sbom {
namespace {

std::string trim(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

bool hasFormatHeader(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        return line.rfind("Format:", 0) == 0;
    }
    return false;
}

constexpr std::size_t kMaxName = 200;

bool licenseNameChar(unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '+' || c == '_' || c == '-';
}

// Names after "/usr/share/common-licenses/" in one line (no regex: lines may be huge).
std::vector<std::string> commonLicenseReferences(const std::string& line) {
    static constexpr std::string_view kPrefix = "/usr/share/common-licenses/";
    std::vector<std::string> out;
    for (std::size_t at = line.find(kPrefix); at != std::string::npos;
         at = line.find(kPrefix, at + 1)) {
        std::size_t begin = at + kPrefix.size();
        std::size_t end = begin;
        while (end < line.size() && end - begin < kMaxName &&
               licenseNameChar(static_cast<unsigned char>(line[end]))) {
            ++end;
        }
        std::string name = line.substr(begin, end - begin);
        while (!name.empty() && (name.back() == '.' || name.back() == ',')) name.pop_back();
        if (!name.empty()) out.push_back(name);
    }
    return out;
}

}  // namespace

std::vector<std::string> dep5Licenses(const std::string& copyrightText) {
    if (!hasFormatHeader(copyrightText)) return {};
    std::set<std::string> found;
    std::istringstream in(copyrightText);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("License:", 0) == 0) {
            std::string value = trim(line.substr(8));
            if (!value.empty() && value.size() <= kMaxName) found.insert(value);
        }
        for (const auto& name : commonLicenseReferences(line)) found.insert(name);
    }
    return {found.begin(), found.end()};
}

}  // namespace signet::sbom
