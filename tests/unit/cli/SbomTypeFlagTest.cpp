// cosign's --type flags take signet's SBOM format words beside cosign's own.
#include "cli/SbomTypeFlag.h"

#include <gtest/gtest.h>

#include "error/Error.h"
#include "sbom/write/DocumentFormat.h"

namespace signet::cli {
namespace {

TEST(SbomTypeFlag, AttestTakesFormatWordsAndKeepsCosignsWords) {
    EXPECT_EQ(attestTypeFor("spdx-json"), "spdxjson");
    EXPECT_EQ(attestTypeFor("spdx-tag"), "spdx");
    EXPECT_EQ(attestTypeFor("cyclonedx-json"), "cyclonedx");
    for (const char* cosignWord : {"spdxjson", "spdx", "cyclonedx", "slsaprovenance", "custom",
                                   "https://example.com/predicate/v1"}) {
        EXPECT_EQ(attestTypeFor(cosignWord), cosignWord);
    }
}

TEST(SbomTypeFlag, AttachTakesTheJsonnessFromTheWordOrTheInputFormatOrTheFileName) {
    auto spdxTag = attachTypeFor("spdx-tag", "", "bom.json");
    EXPECT_EQ(spdxTag.type, "spdx");
    EXPECT_FALSE(spdxTag.json);
    auto cyclone = attachTypeFor("cyclonedx-json", "json", "bom");
    EXPECT_EQ(cyclone.type, "cyclonedx");
    EXPECT_TRUE(cyclone.json);
    EXPECT_TRUE(attachTypeFor("spdx", "", "bom.spdx.json").json);
    EXPECT_FALSE(attachTypeFor("spdx", "", "bom.spdx").json);
    EXPECT_FALSE(attachTypeFor("cyclonedx", "xml", "bom.json").json);
    EXPECT_TRUE(attachTypeFor("spdx", "json", "bom.spdx").json);
}

TEST(SbomTypeFlag, AContradictionOrAnUnknownInputFormatIsRefused) {
    EXPECT_THROW(attachTypeFor("spdx-tag", "json", "bom"), Error);
    EXPECT_THROW(attachTypeFor("spdx-json", "text", "bom"), Error);
    EXPECT_THROW(attachTypeFor("spdx", "yaml", "bom"), Error);
}

TEST(SbomTypeFlag, TheSettingAndSbomFormatTakeTheSameWords) {
    for (const auto& word : sbom::documentFormatWords()) {
        EXPECT_EQ(sbom::traitsOf(sbom::parseDocumentFormat(word)).word, word);
    }
    try {
        sbom::parseDocumentFormat("spdxjson");
        ADD_FAILURE() << "cosign's word is not a document format";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("cosign's --type word"), std::string::npos);
    }
}

}  // namespace
}  // namespace signet::cli
