#include "config/RequestedReferences.h"

#include <gtest/gtest.h>

#include "config/TaskSpecLoader.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'c');

std::vector<std::string> refsFor(std::map<std::string, std::string> vars,
                                 const std::vector<std::string>& args = {}) {
    return requestedReferences(loadTaskSpec(parseRunFlags(args), Environment(std::move(vars))));
}

std::string refsError(std::map<std::string, std::string> vars) {
    try {
        refsFor(std::move(vars));
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        return e.what();
    }
    ADD_FAILURE() << "expected an error";
    return "";
}

TEST(RequestedReferences, MetadataActionTagsOutputIsAcceptedAsIs) {
    // docker/metadata-action's `tags` output: full refs, one a line.
    const std::string tags = "ghcr.io/o/app:1.2.3\nghcr.io/o/app:1.2\nghcr.io/o/app:latest\n";
    EXPECT_EQ(
        refsFor({{"SIGNET_TAGS", tags}, {"SIGNET_DIGEST", kDigest}}),
        (std::vector<std::string>{"ghcr.io/o/app:1.2.3@" + kDigest, "ghcr.io/o/app:1.2@" + kDigest,
                                  "ghcr.io/o/app:latest@" + kDigest}));
    // ... and its comma-separated form.
    EXPECT_EQ(
        refsFor({{"SIGNET_TAGS", "ghcr.io/o/app:1,docker.io/o/app:1"}, {"SIGNET_DIGEST", kDigest}})
            .size(),
        2u);
}

TEST(RequestedReferences, BareTagsUseTheRepository) {
    EXPECT_EQ(refsFor({{"SIGNET_TAGS", "v1 latest"},
                       {"SIGNET_DIGEST", kDigest},
                       {"SIGNET_REPOSITORY", "localhost:5000/app"}}),
              (std::vector<std::string>{"localhost:5000/app:v1@" + kDigest,
                                        "localhost:5000/app:latest@" + kDigest}));
}

TEST(RequestedReferences, BareTagWithoutRepositoryNamesTheSettings) {
    EXPECT_EQ(refsError({{"SIGNET_TAGS", "v1"}, {"SIGNET_DIGEST", kDigest}}),
              "SIGNET_TAGS: bare tag 'v1' needs a repository; set repository (SIGNET_REPOSITORY, "
              "--repository, 'repository' in the task YAML, the 'repository' action input) or give "
              "full repo:tag references");
}

TEST(RequestedReferences, TagsWithoutDigestNeedTheOptIn) {
    const std::string message = refsError({{"SIGNET_TAGS", "ghcr.io/o/app:1"}});
    EXPECT_EQ(message.rfind("SIGNET_TAGS: tags need a digest to sign 'ghcr.io/o/app:1'; set digest "
                            "(SIGNET_DIGEST",
                            0),
              0u)
        << message;
    EXPECT_EQ(refsFor({{"SIGNET_TAGS", "ghcr.io/o/app:1"}, {"SIGNET_ALLOW_TAG_ONLY", "true"}}),
              (std::vector<std::string>{"ghcr.io/o/app:1"}));
}

TEST(RequestedReferences, ImagesThenFileThenTagsWithoutDuplicates) {
    testing::ScopedTempDir dir;
    testing::writeFile(dir.file("refs.txt"),
                       "# built images\nr/a@" + kDigest + "\n\n  r/b:1@" + kDigest + "  \n");
    EXPECT_EQ(refsFor({{"SIGNET_IMAGES", "r/a@" + kDigest},
                       {"SIGNET_IMAGES_FILE", dir.file("refs.txt")},
                       {"SIGNET_TAGS", "r/c:2"},
                       {"SIGNET_DIGEST", kDigest}}),
              (std::vector<std::string>{"r/a@" + kDigest, "r/b:1@" + kDigest, "r/c:2@" + kDigest}));
}

TEST(RequestedReferences, UnreadableImagesFileNamesTheVariable) {
    const std::string message = refsError({{"SIGNET_IMAGES_FILE", "/nonexistent/refs.txt"}});
    EXPECT_EQ(message,
              "SIGNET_IMAGES_FILE: cannot read images file /nonexistent/refs.txt: No such file or "
              "directory");
}

TEST(RequestedReferences, RepositoryAndDigestAloneMeanRepoAtDigest) {
    EXPECT_EQ(refsFor({{"SIGNET_REPOSITORY", "r/app"}, {"SIGNET_DIGEST", kDigest}}),
              (std::vector<std::string>{"r/app@" + kDigest}));
}

TEST(RequestedReferences, TagThatAlreadyHasADigestIsKept) {
    EXPECT_EQ(refsFor({{"SIGNET_TAGS", "r/app:1@" + kDigest}}),
              (std::vector<std::string>{"r/app:1@" + kDigest}));
}

TEST(RequestedReferences, NothingRequestedIsAnError) {
    EXPECT_EQ(refsError({}).rfind("nothing to sign: set images (SIGNET_IMAGES, --image", 0), 0u);
    EXPECT_EQ(refsFor({}, {"--image", "x@" + kDigest}), (std::vector<std::string>{"x@" + kDigest}));
}

TEST(RequestedReferences, EachImageIsParsedOnceAndNormalisedDuplicatesAreOne) {
    auto images = parseRequested({"busybox:1@" + kDigest, "docker.io/library/busybox:1@" + kDigest,
                                  "index.docker.io/library/busybox:2@" + kDigest});
    ASSERT_EQ(images.size(), 2u);
    EXPECT_EQ(images[0].text, "busybox:1@" + kDigest);  // the first spelling is the one reported
    EXPECT_EQ(images[0].reference.repository.name(), "index.docker.io/library/busybox");
    EXPECT_EQ(images[0].reference.tag, "1");
    EXPECT_EQ(images[0].reference.digest, kDigest);
    EXPECT_EQ(images[1].reference.tag, "2");
}

TEST(RequestedReferences, ABadReferenceIsAUsageErrorNamingIt) {
    try {
        parseRequested({"ok/app@" + kDigest, "Bad/App:1"});
        ADD_FAILURE() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("Bad/App:1"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace signet::config
