#include "oci/Reference.h"

#include "error/Error.h"
#include "oci/ReferenceGrammar.h"

namespace signet::oci {
namespace {

constexpr std::string_view kDefaultRegistry = "index.docker.io";
constexpr std::string_view kDockerHubAlias = "docker.io";
constexpr std::size_t kMaxShownLength = 512;  // longer than any valid reference

// `text` fit for one line of a message: control characters become '?', a long text is cut short.
std::string oneLine(std::string_view text, std::size_t limit) {
    std::string shown(text.substr(0, limit));
    for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    if (text.size() > limit) shown += "...";
    return shown;
}

[[noreturn]] void fail(std::string_view text, const std::string& problem) {
    std::string shown = "\"" + oneLine(text, kMaxShownLength) + "\"";
    if (text.size() > kMaxShownLength) shown += " (" + std::to_string(text.size()) + " bytes)";
    throw Error(ErrorKind::Usage,
                "invalid reference " + shown + ": " + oneLine(problem, kMaxShownLength));
}

// docker's rule (also ggcr's): the first component names a registry when it has a '.' or a ':',
// or is "localhost"; otherwise the whole name is a Docker Hub repository.
bool namesRegistry(std::string_view first) {
    return first == "localhost" || first.find_first_of(".:") != std::string_view::npos;
}

// The name's length as distribution measures it: Docker Hub counts as "docker.io".
std::size_t distributionNameLength(const Repository& repository) {
    std::size_t domain = repository.registry == kDefaultRegistry ? kDockerHubAlias.size()
                                                                 : repository.registry.size();
    return domain + 1 + repository.path.size();
}

Repository parseRepository(std::string_view text, std::string_view name) {
    std::string registry;
    std::string_view path = name;
    auto slash = name.find('/');
    if (slash != std::string_view::npos && namesRegistry(name.substr(0, slash))) {
        registry = std::string(name.substr(0, slash));
        path = name.substr(slash + 1);
    }
    if (!registry.empty()) {
        if (auto problem = grammar::domainProblem(registry); !problem.empty())
            fail(text, "registry \"" + oneLine(registry, 64) +
                           "\" is not a valid host[:port]: " + problem);
    }
    if (auto problem = grammar::pathProblem(path); !problem.empty()) fail(text, problem);
    if (registry.empty() || registry == kDockerHubAlias) registry = kDefaultRegistry;
    std::string fullPath(path);
    if (registry == kDefaultRegistry && fullPath.find('/') == std::string::npos)
        fullPath = "library/" + fullPath;
    Repository repository{registry, fullPath};
    if (std::size_t length = distributionNameLength(repository); length > grammar::kMaxNameLength) {
        fail(text, "repository name must be at most 255 characters, not " + std::to_string(length));
    }
    return repository;
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
        if (auto problem = grammar::digestProblem(digest); !problem.empty()) fail(text, problem);
        ref.digest = std::string(digest);
        base = text.substr(0, at);
    }
    // The tag follows the last ':' unless that ':' belongs to a registry port ("host:5000/repo").
    auto colon = base.rfind(':');
    if (colon != std::string_view::npos && base.find('/', colon) == std::string_view::npos) {
        std::string_view tag = base.substr(colon + 1);
        if (auto problem = grammar::tagProblem(tag); !problem.empty()) fail(text, problem);
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
    return grammar::digestProblem(digest).empty();
}

}  // namespace signet::oci
