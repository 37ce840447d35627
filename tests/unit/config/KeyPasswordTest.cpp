#include "config/KeyPassword.h"

#include <gtest/gtest.h>

#include "config/TaskSpecLoader.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"

namespace signet::config {
namespace {

TaskSpec specWith(std::map<std::string, std::string> vars) {
    return loadTaskSpec({}, Environment(std::move(vars)));
}

TEST(KeyPassword, FromTheFileWithOneTrailingNewlineStripped) {
    testing::ScopedTempDir dir;
    testing::writeFile(dir.file("pw"), "correct horse\n\n");
    testing::writeFile(dir.file("crlf"), "pw\r\n");
    testing::writeFile(dir.file("empty"), "");
    EXPECT_EQ(resolveKeyPassword(specWith({{"SIGNET_PASSWORD_FILE", dir.file("pw")}}))->reveal(),
              "correct horse\n");
    EXPECT_EQ(resolveKeyPassword(specWith({{"SIGNET_PASSWORD_FILE", dir.file("crlf")}}))->reveal(),
              "pw");
    EXPECT_EQ(resolveKeyPassword(specWith({{"SIGNET_PASSWORD_FILE", dir.file("empty")}}))->reveal(),
              "");
}

TEST(KeyPassword, TheValueWinsOverTheFileAndEmptyIsAValue) {
    testing::ScopedTempDir dir;
    testing::writeFile(dir.file("pw"), "from-file");
    auto password = resolveKeyPassword(
        specWith({{"SIGNET_PASSWORD_FILE", dir.file("pw")}, {"COSIGN_PASSWORD", ""}}));
    ASSERT_TRUE(password);
    EXPECT_EQ(password->reveal(), "");
    EXPECT_FALSE(resolveKeyPassword(specWith({})));
}

TEST(KeyPassword, UnreadableFileNamesTheVariable) {
    try {
        resolveKeyPassword(specWith({{"SIGNET_PASSWORD_FILE", "/nonexistent/pw"}}));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_EQ(std::string(e.what()),
                  "SIGNET_PASSWORD_FILE: cannot read /nonexistent/pw (No such file or directory)");
    }
}

}  // namespace
}  // namespace signet::config
