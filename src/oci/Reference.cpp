#include "oci/Reference.h"

#include <algorithm>

#include "error/Error.h"

namespace signet::oci {
namespace {

constexpr std::string_view kDefaultRegistry = "index.docker.io";
constexpr std::string_view kDockerHubAlias = "docker.io";
constexpr std::string_view kRepositoryChars = "abcdefghijklmnopqrstuvwxyz0123456789_-./";
constexpr std::size_t kMaxRepositoryLength = 255;
constexpr std::size_t kMaxTagLength = 128;

[[noreturn]] void fail(std::string_view text, const std::string& problem) {
    std::string shown(text);
    for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';  // keep it one line
    }
    throw Error(ErrorKind::Usage, "invalid reference \"" + shown + "\": " + problem);
}

bool isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// An empty string when `tag` is valid, else what is wrong with it.
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

// An empty string when `digest` is valid, else what is wrong with it.
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
        return "unsupported digest algorithm \"" + std::string(algorithm) + "\"";
    if (hex.size() != expected) {
        return std::string(algorithm) + " digest must have " + std::to_string(expected) +
               " hex characters, not " + std::to_string(hex.size());
    }
    if (!std::all_of(hex.begin(), hex.end(), isLowerHex))
        return "digest must be lowercase hexadecimal";
    return {};
}

// host[:port] as an RFC 3986 authority without user info: reg-name or [IPv6], optional port.
bool isValidRegistry(std::string_view registry) {
    std::string_view host = registry;
    std::string_view port;
    if (!registry.empty() && registry.front() == '[') {
        auto close = registry.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (char c : registry.substr(1, close - 1)) {
            if (!isLowerHex(c) && !(c >= 'A' && c <= 'F') && c != ':' && c != '.') return false;
        }
        std::string_view rest = registry.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return false;
            port = rest.substr(1);
            if (port.empty()) return false;
        }
        host = {};
    } else {
        auto colon = registry.find(':');
        if (colon != std::string_view::npos) {
            host = registry.substr(0, colon);
            port = registry.substr(colon + 1);
            if (port.empty()) return false;
        }
        if (host.empty()) return false;
    }
    for (char c : host) {
        if (!isWordChar(c) && c != '.' && c != '-') return false;
    }
    if (port.size() > 5) return false;
    return std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string pathProblem(std::string_view path) {
    if (path.empty()) return "a repository name must be given";
    if (path.size() > kMaxRepositoryLength) return "repository must be at most 255 characters";
    for (char c : path) {
        if (kRepositoryChars.find(c) == std::string_view::npos) {
            return "repository can only contain lowercase letters, digits, '_', '-', '.' and "
                   "'/'";
        }
    }
    if (path.front() == '/' || path.back() == '/' || path.find("//") != std::string_view::npos)
        return "repository path components must not be empty";
    return {};
}

Repository parseRepository(std::string_view text, std::string_view name) {
    std::string registry;
    std::string_view path = name;
    auto slash = name.find('/');
    if (slash != std::string_view::npos) {
        std::string_view first = name.substr(0, slash);
        if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos) {
            registry = std::string(first);
            path = name.substr(slash + 1);
        }
    }
    if (!registry.empty() && !isValidRegistry(registry))
        fail(text, "registry \"" + registry + "\" is not a valid host[:port]");
    if (auto problem = pathProblem(path); !problem.empty()) fail(text, problem);
    if (registry.empty() || registry == kDockerHubAlias) registry = kDefaultRegistry;
    std::string fullPath(path);
    if (registry == kDefaultRegistry && fullPath.find('/') == std::string::npos)
        fullPath = "library/" + fullPath;
    return Repository{registry, fullPath};
}

}  // namespace

Reference Reference::parse(std::string_view text) {
    if (text.empty()) fail(text, "it is empty");
    Reference ref;
    std::string_view base = text;
    auto at = text.find('@');
    if (at != std::string_view::npos) {
        if (text.find('@', at + 1) != std::string_view::npos)
            fail(text, "it must contain at most one '@'");
        std::string_view digest = text.substr(at + 1);
        if (auto problem = digestProblem(digest); !problem.empty()) fail(text, problem);
        ref.digest = std::string(digest);
        base = text.substr(0, at);
    }
    // The tag follows the last ':' unless that ':' belongs to a registry port ("host:5000/repo").
    auto colon = base.rfind(':');
    if (colon != std::string_view::npos && base.find('/', colon) == std::string_view::npos) {
        std::string_view tag = base.substr(colon + 1);
        if (auto problem = tagProblem(tag); !problem.empty()) fail(text, problem);
        ref.tag = std::string(tag);
        base = base.substr(0, colon);
    }
    ref.repository = parseRepository(text, base);
    return ref;
}

std::string Reference::tagName() const {
    if (tag.empty())
        throw Error(ErrorKind::Internal, "reference " + str() + " has no tag for tagName()");
    return repository.name() + ":" + tag;
}

std::string Reference::digestName() const {
    if (digest.empty())
        throw Error(ErrorKind::Internal, "reference " + str() + " has no digest for digestName()");
    return repository.name() + "@" + digest;
}

std::string Reference::name() const {
    if (!digest.empty()) return digestName();
    return repository.name() + ":" + (tag.empty() ? std::string("latest") : tag);
}

std::string Reference::str() const {
    std::string out = repository.name();
    if (!tag.empty()) out += ":" + tag;
    if (!digest.empty()) out += "@" + digest;
    return out;
}

bool isValidDigest(std::string_view digest) {
    return digestProblem(digest).empty();
}

}  // namespace signet::oci
