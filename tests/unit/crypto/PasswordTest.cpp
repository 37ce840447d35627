// Tests for the password sources and their precedence.
#include "crypto/Password.h"

#include <gtest/gtest.h>

#include "config/KeySourceFromEnvironment.h"

#include "harness/TestSecrets.h"

#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "harness/Paths.h"
#include "unit/crypto/TempDir.h"

namespace signet::crypto {
namespace {

using Vars = std::map<std::string, std::string>;

using signet::testing::TempDir;
using signet::testing::writeFile;

std::string resolve(const Environment& env, std::optional<SecretBytes> stored = std::nullopt) {
    return std::string(resolvePassword(config::passwordSourceFromEnvironment(env), stored, "k.key",
                                       signet::testing::testSecrets())
                           .view());
}

TEST(Password, CosignPasswordWinsEvenWhenEmpty) {
    TempDir dir;
    writeFile(dir.file("pw"), "from-file\n");
    Environment env(Vars{{"COSIGN_PASSWORD", ""}, {"SIGNET_PASSWORD_FILE", dir.file("pw")}});
    EXPECT_EQ(resolve(env, SecretBytes("stored")), "");
    env.set("COSIGN_PASSWORD", "from-env\n");
    EXPECT_EQ(resolve(env, SecretBytes("stored")), "from-env\n");
}

TEST(Password, PasswordFileLosesExactlyOneLineEnding) {
    TempDir dir;
    Environment env(Vars{{"SIGNET_PASSWORD_FILE", dir.file("pw")}});
    for (auto [content, expected] : {std::pair<std::string, std::string>{"pw\n", "pw"},
                                     {"pw\r\n", "pw"},
                                     {"pw\n\n", "pw\n"},
                                     {"pw", "pw"},
                                     {" pw \n", " pw "},
                                     {"\n", ""},
                                     {"", ""},
                                     {"a\nb\n", "a\nb"}}) {
        writeFile(dir.file("pw"), content);
        EXPECT_EQ(resolve(env, SecretBytes("stored")), expected) << content;
    }
}

TEST(Password, StoredPasswordIsUsedAsIs) {
    EXPECT_EQ(resolve(Environment(), SecretBytes("stored\n")), "stored\n");
    EXPECT_EQ(resolve(Environment(), SecretBytes("")), "");
    // An empty SIGNET_PASSWORD_FILE is treated as unset.
    EXPECT_EQ(resolve(Environment(Vars{{"SIGNET_PASSWORD_FILE", ""}}), SecretBytes("s")), "s");
}

TEST(Password, MissingPasswordNamesTheVariables) {
    try {
        resolve(Environment());
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Key);
        // The two settings, named as the wrapper in use spells them (SettingSpellerTest).
        EXPECT_EQ(std::string(e.what()), "key k.key is encrypted and no password was given: give " +
                                             spellSetting("key_password") + " or " +
                                             spellSetting("password_file"));
    }
}

TEST(Password, UnreadablePasswordFileIsAnError) {
    TempDir dir;
    Environment env(Vars{{"SIGNET_PASSWORD_FILE", dir.file("absent")}});
    try {
        resolve(env, SecretBytes("stored"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Key);
        EXPECT_NE(std::string(e.what()).find("SIGNET_PASSWORD_FILE " + dir.file("absent")),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace signet::crypto
