#include "cosign/AttachmentTag.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::cosign {
namespace {

using oci::Reference;
using oci::Repository;
using Vars = std::map<std::string, std::string>;

TEST(AttachmentTag, NamesFollowCosign) {
    std::string digest = "sha256:" + std::string(64, 'a');
    EXPECT_EQ(attachmentTag(digest, AttachmentKind::Signature),
              "sha256-" + std::string(64, 'a') + ".sig");
    EXPECT_EQ(attachmentTag(digest, AttachmentKind::Attestation),
              "sha256-" + std::string(64, 'a') + ".att");
    EXPECT_EQ(attachmentTag(digest, AttachmentKind::Sbom),
              "sha256-" + std::string(64, 'a') + ".sbom");
    EXPECT_EQ(attachmentLocation(Reference::parse("busybox").repository, "t"),
              "index.docker.io/library/busybox:t");
}

TEST(AttachmentTag, CosignRepositoryReplacesTheWholeRepository) {
    Repository image = Reference::parse("ghcr.io/org/app").repository;
    EXPECT_EQ(attachmentRepository(image, Environment()), image);
    Environment env(Vars{{"COSIGN_REPOSITORY", "registry.example.com/sigs"}});
    Repository target = attachmentRepository(image, env);
    EXPECT_EQ(target.registry, "registry.example.com");
    EXPECT_EQ(target.path, "sigs");  // nothing of "org/app" is appended
    EXPECT_EQ(attachmentRepository(image, Environment(Vars{{"COSIGN_REPOSITORY", "sigs"}})).name(),
              "index.docker.io/library/sigs");
}

TEST(AttachmentTag, RejectsTagsDigestsAndJunk) {
    Repository image = Reference::parse("ghcr.io/org/app").repository;
    for (const char* bad : {"r.io/sigs:v1", "Bad Repo", "r.io/x@sha256:abc"}) {
        try {
            attachmentRepository(image, Environment(Vars{{"COSIGN_REPOSITORY", bad}}));
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Config) << bad;
            EXPECT_NE(std::string(e.what()).find("COSIGN_REPOSITORY"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace signet::cosign
