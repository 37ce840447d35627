#include "sbom/license/SpdxLicenseExpression.h"

#include <gtest/gtest.h>

namespace signet::sbom {
namespace {

TEST(SpdxLicenseExpression, CanonicalisesKnownIdsAndDebianNames) {
    std::map<std::string, std::string> extracted;
    EXPECT_EQ(spdxLicenseExpression({"GPL-2+"}, extracted), "GPL-2.0-or-later");
    EXPECT_EQ(spdxLicenseExpression({"expat"}, extracted), "MIT");
    EXPECT_EQ(spdxLicenseExpression({"mit", "Apache-2.0"}, extracted), "MIT AND Apache-2.0");
    EXPECT_TRUE(extracted.empty());
}

TEST(SpdxLicenseExpression, CompoundPartsAreParenthesisedWhenJoined) {
    std::map<std::string, std::string> extracted;
    EXPECT_EQ(spdxLicenseExpression({"GPL-2+ or Artistic-1.0", "MIT"}, extracted),
              "(GPL-2.0-or-later OR Artistic-1.0) AND MIT");
    EXPECT_EQ(spdxLicenseExpression({"GPL-2.0-only WITH Classpath-exception-2.0"}, extracted),
              "GPL-2.0-only WITH Classpath-exception-2.0");
}

TEST(SpdxLicenseExpression, UnknownNamesBecomeLicenseRefs) {
    std::map<std::string, std::string> extracted;
    EXPECT_EQ(spdxLicenseExpression({"BSD License"}, extracted), "LicenseRef-BSD-License");
    EXPECT_EQ(spdxLicenseExpression({"public-domain", "MIT"}, extracted),
              "LicenseRef-public-domain AND MIT");
    EXPECT_EQ(spdxLicenseExpression({"(MIT"}, extracted), "LicenseRef--MIT");
    EXPECT_EQ(extracted.at("LicenseRef-BSD-License"), "BSD License");
    EXPECT_EQ(extracted.count("LicenseRef-public-domain"), 1u);
}

TEST(SpdxLicenseExpression, NothingDeclaredIsNoAssertion) {
    std::map<std::string, std::string> extracted;
    EXPECT_EQ(spdxLicenseExpression({}, extracted), "NOASSERTION");
    EXPECT_EQ(spdxLicenseExpression({"  "}, extracted), "NOASSERTION");
}

}  // namespace
}  // namespace signet::sbom
