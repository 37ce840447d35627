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

}  // namespace
}  // namespace signet::cosign
