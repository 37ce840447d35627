#include "config/RequestedReferences.h"

#include <set>

#include "config/ValueParsing.h"
#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::config {
namespace {

constexpr std::size_t kMaxImagesFileBytes = 4 * 1024 * 1024;

[[noreturn]] void fail(const std::string& message) {
    throw Error(ErrorKind::Config, message);
}

std::vector<std::string> readImagesFile(const TaskSpec& spec) {
    std::string text;
    try {
        text = io::readFileContents(*spec.imagesFile, kMaxImagesFileBytes, ErrorKind::Config,
                                    "images file", ErrorKind::Config);
    } catch (const Error& e) {
        throw e.withContext(originOf(spec, "images_file"));
    }
    std::vector<std::string> refs;
    for (const auto& line : splitLines(text)) {
        if (line.front() != '#') refs.push_back(line);
    }
    return refs;
}

bool isBareTag(const std::string& tag) {
    return tag.find('/') == std::string::npos && tag.find(':') == std::string::npos &&
           tag.find('@') == std::string::npos;
}

std::string tagReference(const TaskSpec& spec, const std::string& tag) {
    if (tag.find('@') != std::string::npos) return tag;
    std::string ref = tag;
    if (isBareTag(tag)) {
        if (!spec.repository) {
            fail(originOf(spec, "tags") + ": bare tag " + quoteForMessage(tag) +
                 " needs a repository; set " + originOf(spec, "repository") +
                 " or give full repo:tag references");
        }
        ref = *spec.repository + ":" + tag;
    }
    if (spec.digest) return ref + "@" + *spec.digest;
    if (!spec.allowTagOnly) {
        fail(originOf(spec, "tags") + ": tags need a digest to sign " + quoteForMessage(ref) +
             "; set " + originOf(spec, "digest") + ", or allow tag-only signing with " +
             originOf(spec, "allow_tag_only"));
    }
    return ref;
}

}  // namespace

std::vector<std::string> requestedReferences(const TaskSpec& spec) {
    std::vector<std::string> candidates = spec.images;
    if (spec.imagesFile) {
        for (auto& ref : readImagesFile(spec)) candidates.push_back(std::move(ref));
    }
    for (const auto& tag : spec.tags) candidates.push_back(tagReference(spec, tag));
    if (spec.digest && spec.tags.empty() && spec.repository) {
        candidates.push_back(*spec.repository + "@" + *spec.digest);
    }

    std::vector<std::string> refs;
    std::set<std::string> seen;
    for (auto& ref : candidates) {
        if (seen.insert(ref).second) refs.push_back(std::move(ref));
    }
    if (refs.empty()) {
        fail("nothing to sign: set " + originOf(spec, "images") + ", " +
             originOf(spec, "images_file") + " or " + originOf(spec, "tags") + " with " +
             originOf(spec, "digest"));
    }
    return refs;
}

std::vector<RequestedImage> parseRequested(const std::vector<std::string>& texts) {
    std::vector<RequestedImage> images;
    std::set<std::string> seen;
    for (const auto& text : texts) {
        oci::Reference reference = oci::Reference::parse(text);
        if (seen.insert(reference.str()).second) images.push_back({text, std::move(reference)});
    }
    return images;
}

}  // namespace signet::config
