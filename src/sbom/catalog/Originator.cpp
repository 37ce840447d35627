#include "sbom/catalog/Originator.h"

namespace signet::sbom {
namespace {

std::string clean(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    auto begin = out.find_first_not_of(' ');
    if (begin == std::string::npos) return "";
    return out.substr(begin, out.find_last_not_of(' ') - begin + 1);
}

}  // namespace

std::string personOriginator(const std::string& name, const std::string& email) {
    std::string n = clean(name);
    std::string e = clean(email);
    if (n.empty() && e.empty()) return "";
    if (e.empty()) return "Person: " + n;
    if (n.empty()) return "Person: (" + e + ")";
    return "Person: " + n + " (" + e + ")";
}

std::string personOriginator(const std::string& nameAndEmail) {
    auto open = nameAndEmail.find('<');
    auto close = nameAndEmail.find('>', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
        return personOriginator(nameAndEmail, "");
    }
    return personOriginator(nameAndEmail.substr(0, open),
                            nameAndEmail.substr(open + 1, close - open - 1));
}

}  // namespace signet::sbom
