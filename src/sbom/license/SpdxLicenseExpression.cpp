#include "sbom/license/SpdxLicenseExpression.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace signet::sbom {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

const std::map<std::string, std::string>& knownLicenses() {
    static const std::map<std::string, std::string> table = [] {
        std::map<std::string, std::string> t;
        for (const char* id : {"0BSD",
                               "AFL-2.1",
                               "AFL-3.0",
                               "AGPL-3.0-only",
                               "AGPL-3.0-or-later",
                               "Apache-1.1",
                               "Apache-2.0",
                               "APSL-2.0",
                               "Artistic-1.0",
                               "Artistic-1.0-Perl",
                               "Artistic-2.0",
                               "Beerware",
                               "BlueOak-1.0.0",
                               "BSD-1-Clause",
                               "BSD-2-Clause",
                               "BSD-2-Clause-Patent",
                               "BSD-3-Clause",
                               "BSD-3-Clause-Clear",
                               "BSD-4-Clause",
                               "BSL-1.0",
                               "bzip2-1.0.6",
                               "CC-BY-3.0",
                               "CC-BY-4.0",
                               "CC-BY-SA-3.0",
                               "CC-BY-SA-4.0",
                               "CC0-1.0",
                               "CDDL-1.0",
                               "CDDL-1.1",
                               "curl",
                               "ECL-2.0",
                               "EPL-1.0",
                               "EPL-2.0",
                               "EUPL-1.2",
                               "FSFAP",
                               "FSFUL",
                               "FSFULLR",
                               "FTL",
                               "GFDL-1.2-only",
                               "GFDL-1.2-or-later",
                               "GFDL-1.3-only",
                               "GFDL-1.3-or-later",
                               "GPL-1.0-only",
                               "GPL-1.0-or-later",
                               "GPL-2.0-only",
                               "GPL-2.0-or-later",
                               "GPL-3.0-only",
                               "GPL-3.0-or-later",
                               "HPND",
                               "ICU",
                               "IJG",
                               "Info-ZIP",
                               "ISC",
                               "LGPL-2.0-only",
                               "LGPL-2.0-or-later",
                               "LGPL-2.1-only",
                               "LGPL-2.1-or-later",
                               "LGPL-3.0-only",
                               "LGPL-3.0-or-later",
                               "Libpng",
                               "libpng-2.0",
                               "MIT",
                               "MIT-0",
                               "MPL-1.1",
                               "MPL-2.0",
                               "MPL-2.0-no-copyleft-exception",
                               "MS-PL",
                               "NCSA",
                               "OFL-1.1",
                               "OpenSSL",
                               "PHP-3.01",
                               "PostgreSQL",
                               "PSF-2.0",
                               "Python-2.0",
                               "Ruby",
                               "Sleepycat",
                               "TCL",
                               "Unicode-3.0",
                               "Unicode-DFS-2016",
                               "Unlicense",
                               "UPL-1.0",
                               "Vim",
                               "W3C",
                               "WTFPL",
                               "X11",
                               "Zlib",
                               "ZPL-2.1"}) {
            t[lower(id)] = id;
        }
        // Deprecated SPDX spellings and Debian DEP-5 short names.
        const std::pair<const char*, const char*> aliases[] = {
            {"gpl-1", "GPL-1.0-only"},
            {"gpl-1+", "GPL-1.0-or-later"},
            {"gpl-2", "GPL-2.0-only"},
            {"gpl-2+", "GPL-2.0-or-later"},
            {"gpl-3", "GPL-3.0-only"},
            {"gpl-3+", "GPL-3.0-or-later"},
            {"gpl-2.0", "GPL-2.0-only"},
            {"gpl-2.0+", "GPL-2.0-or-later"},
            {"gpl-3.0", "GPL-3.0-only"},
            {"gpl-3.0+", "GPL-3.0-or-later"},
            {"lgpl-2", "LGPL-2.0-only"},
            {"lgpl-2+", "LGPL-2.0-or-later"},
            {"lgpl-2.0", "LGPL-2.0-only"},
            {"lgpl-2.0+", "LGPL-2.0-or-later"},
            {"lgpl-2.1", "LGPL-2.1-only"},
            {"lgpl-2.1+", "LGPL-2.1-or-later"},
            {"lgpl-3", "LGPL-3.0-only"},
            {"lgpl-3+", "LGPL-3.0-or-later"},
            {"lgpl-3.0", "LGPL-3.0-only"},
            {"lgpl-3.0+", "LGPL-3.0-or-later"},
            {"agpl-3", "AGPL-3.0-only"},
            {"agpl-3+", "AGPL-3.0-or-later"},
            {"agpl-3.0", "AGPL-3.0-only"},
            {"gfdl-1.2", "GFDL-1.2-only"},
            {"gfdl-1.2+", "GFDL-1.2-or-later"},
            {"gfdl-1.3", "GFDL-1.3-only"},
            {"gfdl-1.3+", "GFDL-1.3-or-later"},
            {"apache-2", "Apache-2.0"},
            {"expat", "MIT"},
            {"mpl-2", "MPL-2.0"},
            {"zlib/libpng", "Zlib"},
            {"psf", "PSF-2.0"},
            {"bsd-2", "BSD-2-Clause"},
            {"bsd-3", "BSD-3-Clause"},
        };
        for (const auto& [alias, id] : aliases) t[alias] = id;
        return t;
    }();
    return table;
}

const std::map<std::string, std::string>& knownExceptions() {
    static const std::map<std::string, std::string> table = [] {
        std::map<std::string, std::string> t;
        for (const char* id :
             {"Autoconf-exception-2.0", "Autoconf-exception-3.0", "Bison-exception-2.2",
              "Classpath-exception-2.0", "Font-exception-2.0", "GCC-exception-2.0",
              "GCC-exception-3.1", "LLVM-exception", "Linux-syscall-note",
              "OpenJDK-assembly-exception-1.0"}) {
            t[lower(id)] = id;
        }
        return t;
    }();
    return table;
}

std::optional<std::string> canonical(const std::map<std::string, std::string>& table,
                                     const std::string& token) {
    auto it = table.find(lower(token));
    if (it == table.end()) return std::nullopt;
    return it->second;
}

// Splits on spaces and parentheses.
std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> tokens;
    std::string current;
    for (char c : text) {
        if (c == '(' || c == ')' || std::isspace(static_cast<unsigned char>(c))) {
            if (!current.empty()) tokens.push_back(current);
            current.clear();
            if (c == '(' || c == ')') tokens.emplace_back(1, c);
        } else {
            current += c;
        }
    }
    if (!current.empty()) tokens.push_back(current);
    return tokens;
}

bool isOperator(const std::string& token) {
    std::string l = lower(token);
    return l == "and" || l == "or" || l == "with";
}

bool isIdToken(const std::string& token) {
    if (token.empty() || token == "(" || token == ")" || isOperator(token)) return false;
    return std::all_of(token.begin(), token.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == '+' || c == ':';
    });
}

// A well-formed expression: ids joined by operators, balanced parentheses.
bool wellFormed(const std::vector<std::string>& tokens) {
    int depth = 0;
    bool expectOperand = true;
    for (const auto& token : tokens) {
        if (token == "(") {
            if (!expectOperand) return false;
            ++depth;
        } else if (token == ")") {
            if (expectOperand || --depth < 0) return false;
        } else if (isOperator(token)) {
            if (expectOperand) return false;
            expectOperand = true;
        } else {
            if (!expectOperand || !isIdToken(token)) return false;
            expectOperand = false;
        }
    }
    return depth == 0 && !expectOperand && !tokens.empty();
}

std::string refFor(const std::string& name, std::map<std::string, std::string>& extracted) {
    std::string ref = licenseRefFor(name);
    extracted.emplace(ref, name);
    return ref;
}

// One declared license string as a valid expression.
std::string convertOne(const std::string& declared, std::map<std::string, std::string>& extracted,
                       bool& compound) {
    std::vector<std::string> tokens = tokenize(declared);
    compound = false;
    if (!wellFormed(tokens)) return refFor(declared, extracted);
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        std::string piece;
        if (token == "(" || token == ")") {
            piece = token;
        } else if (isOperator(token)) {
            compound = true;
            piece = lower(token) == "and" ? "AND" : lower(token) == "or" ? "OR" : "WITH";
        } else if (i > 0 && lower(tokens[i - 1]) == "with") {
            auto exception = canonical(knownExceptions(), token);
            if (!exception) return refFor(declared, extracted);
            piece = *exception;
        } else if (auto id = canonical(knownLicenses(), token)) {
            piece = *id;
        } else if (token.rfind("LicenseRef-", 0) == 0) {
            piece = refFor(token.substr(11), extracted);
        } else {
            piece = refFor(token, extracted);
        }
        if (!out.empty() && piece != ")" && out.back() != '(') out += ' ';
        out += piece;
    }
    return out;
}

}  // namespace

std::string licenseRefFor(const std::string& name) {
    std::string out = "LicenseRef-";
    for (unsigned char c : name) {
        out += (std::isalnum(c) || c == '.' || c == '-') ? static_cast<char>(c) : '-';
    }
    return out;
}

std::string spdxLicenseExpression(const std::vector<std::string>& declared,
                                  std::map<std::string, std::string>& extracted) {
    std::vector<std::pair<std::string, bool>> parts;
    for (const auto& text : declared) {
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        bool compound = false;
        std::string expression = convertOne(text, extracted, compound);
        if (std::none_of(parts.begin(), parts.end(),
                         [&](const auto& p) { return p.first == expression; })) {
            parts.emplace_back(expression, compound);
        }
    }
    if (parts.empty()) return "NOASSERTION";
    if (parts.size() == 1) return parts[0].first;
    std::string out;
    for (const auto& [expression, compound] : parts) {
        if (!out.empty()) out += " AND ";
        out += compound ? "(" + expression + ")" : expression;
    }
    return out;
}

}  // namespace signet::sbom
