#include "sbom/catalog/dpkg/Dep5Copyright.h"

#include <regex>
#include <set>
#include <sstream>

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

}  // namespace

std::vector<std::string> dep5Licenses(const std::string& copyrightText) {
    if (!hasFormatHeader(copyrightText)) return {};
    std::set<std::string> found;
    std::istringstream in(copyrightText);
    static const std::regex kCommonLicense(R"(/usr/share/common-licenses/([A-Za-z0-9.+_-]+))");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("License:", 0) == 0) {
            std::string value = trim(line.substr(8));
            if (!value.empty()) found.insert(value);
        }
        for (std::sregex_iterator it(line.begin(), line.end(), kCommonLicense), end; it != end;
             ++it) {
            std::string name = (*it)[1];
            while (!name.empty() && (name.back() == '.' || name.back() == ',')) name.pop_back();
            if (!name.empty()) found.insert(name);
        }
    }
    return {found.begin(), found.end()};
}

}  // namespace signet::sbom
