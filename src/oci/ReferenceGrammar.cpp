#include "oci/ReferenceGrammar.h"

#include <algorithm>

namespace signet::oci::grammar {
namespace {

constexpr std::size_t kMaxTagLength = 128;
constexpr std::size_t kMaxPortDigits = 5;
constexpr unsigned kMaxPort = 65535;
constexpr std::size_t kMaxQuoted = 64;

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || isDigit(c);
}
bool isAlnum(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
}
bool isWordChar(char c) {
    return isAlnum(c) || c == '_';
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isLowerHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f');
}
bool isPathSeparatorChar(char c) {
    return c == '.' || c == '_' || c == '-';
}

// `text` in quotes, cut short when long (the whole reference is already in the message).
std::string quoted(std::string_view text) {
    if (text.size() <= kMaxQuoted) return "\"" + std::string(text) + "\"";
    return "\"" + std::string(text.substr(0, kMaxQuoted)) + "...\"";
}

// distribution's separator: [_.]|__|[-]+
bool isSeparator(std::string_view run) {
    if (run == "." || run == "_" || run == "__") return true;
    return std::all_of(run.begin(), run.end(), [](char c) { return c == '-'; });
}

// One path component whose characters are already known to be [a-z0-9._-].
std::string componentProblem(std::string_view component) {
    if (component.empty()) return "repository path components must not be empty";
    if (!isLowerAlnum(component.front()) || !isLowerAlnum(component.back())) {
        return "path component " + quoted(component) +
               " must start and end with a lowercase letter or digit";
    }
    std::size_t i = 0;
    while (i < component.size()) {
        if (isLowerAlnum(component[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < component.size() && isPathSeparatorChar(component[end])) ++end;
        std::string_view run = component.substr(i, end - i);
        if (!isSeparator(run)) {
            return "path component " + quoted(component) + " has the separator \"" +
                   std::string(run) + "\"; letters and digits are joined by '.', '_', '__' or '-'";
        }
        i = end;
    }
    return {};
}

// A domain-name component: [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9].
bool isDomainComponent(std::string_view component) {
    if (component.empty() || !isAlnum(component.front()) || !isAlnum(component.back()))
        return false;
    return std::all_of(component.begin(), component.end(),
                       [](char c) { return isAlnum(c) || c == '-'; });
}

std::string hostProblem(std::string_view host) {
    if (host.empty()) return "the host is empty";
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return "an IPv6 address must be in [brackets]";
        std::string_view address = host.substr(1, host.size() - 2);
        if (!std::all_of(address.begin(), address.end(),
                         [](char c) { return isHex(c) || c == ':'; }))
            return "an IPv6 address can only contain hex digits and ':'";
        return {};
    }
    std::size_t start = 0;
    while (true) {
        std::size_t dot = host.find('.', start);
        std::string_view component = host.substr(
            start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!isDomainComponent(component)) {
            return "host name parts are letters, digits and inner '-', joined by '.'";
        }
        if (dot == std::string_view::npos) return {};
        start = dot + 1;
    }
}

std::string portProblem(std::string_view port) {
    if (port.empty() || port.size() > kMaxPortDigits ||
        !std::all_of(port.begin(), port.end(), isDigit))
        return "the port must be a number from 0 to 65535";
    if (std::stoul(std::string(port)) > kMaxPort)
        return "the port must be a number from 0 to 65535";
    return {};
}

}  // namespace

std::string domainProblem(std::string_view domain) {
    if (domain.empty()) return hostProblem(domain);
    std::size_t colon = domain.front() == '['
                            ? domain.find(':', std::min(domain.find(']'), domain.size()))
                            : domain.find(':');
    if (colon == std::string_view::npos) return hostProblem(domain);
    if (auto problem = hostProblem(domain.substr(0, colon)); !problem.empty()) return problem;
    return portProblem(domain.substr(colon + 1));
}

std::string pathProblem(std::string_view path) {
    if (path.empty()) return "a repository name must be given";
    for (char c : path) {
        if (c >= 'A' && c <= 'Z') return "repository must be lowercase";
        if (!isLowerAlnum(c) && !isPathSeparatorChar(c) && c != '/') {
            return "repository can only contain lowercase letters, digits, '.', '_', '-' and "
                   "'/' between components";
        }
    }
    std::size_t start = 0;
    while (true) {
        std::size_t slash = path.find('/', start);
        std::string_view component = path.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (auto problem = componentProblem(component); !problem.empty()) return problem;
        if (slash == std::string_view::npos) return {};
        start = slash + 1;
    }
}

std::string tagProblem(std::string_view tag) {
    if (tag.empty()) return "a tag name must follow the ':'";
    if (tag.size() > kMaxTagLength) return "tag must be at most 128 characters";
    if (!isWordChar(tag.front())) return "tag must start with a letter, digit or '_'";
    for (char c : tag) {
        if (!isWordChar(c) && c != '.' && c != '-')
            return "tag can only contain letters, digits, '_', '.' and '-'";
    }
    return {};
}

std::string digestProblem(std::string_view digest) {
    auto colon = digest.find(':');
    if (colon == std::string_view::npos) return "digest must be \"sha256:<hex>\"";
    std::string_view algorithm = digest.substr(0, colon);
    std::string_view hex = digest.substr(colon + 1);
    std::size_t expected = 0;
    if (algorithm == "sha256")
        expected = 64;
    else if (algorithm == "sha384")
        expected = 96;
    else if (algorithm == "sha512")
        expected = 128;
    else
        return "unsupported digest algorithm " + quoted(algorithm);
    if (hex.size() != expected) {
        return std::string(algorithm) + " digest must have " + std::to_string(expected) +
               " hex characters, not " + std::to_string(hex.size());
    }
    if (!std::all_of(hex.begin(), hex.end(), isLowerHex))
        return "digest must be lowercase hexadecimal";
    return {};
}

}  // namespace signet::oci::grammar
