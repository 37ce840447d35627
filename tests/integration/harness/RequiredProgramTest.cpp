// A program the tests need but the machine lacks is one line naming its Debian package.
#include "harness/RequiredProgram.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "harness/Command.h"

namespace signet::testing {
namespace {

std::string failureOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}

TEST(RequiredProgram, FindsProgramsOnPathAndByPath) {
    EXPECT_NO_THROW(requireProgram("sh"));
    EXPECT_NO_THROW(requireProgram("/bin/sh"));
}

TEST(RequiredProgram, MissingProgramNamesItsDebianPackage) {
    EXPECT_EQ(debianPackageOf("htpasswd"), "apache2-utils");
    EXPECT_EQ(debianPackageOf("setpriv"), "util-linux");
    std::string message = failureOf([] { requireProgram("/nonexistent/htpasswd"); });
    EXPECT_NE(message.find("/nonexistent/htpasswd not found: install the Debian package "
                           "apache2-utils"),
              std::string::npos)
        << message;
    message = failureOf([] { requireProgram("signet-no-such-program"); });
    EXPECT_NE(message.find("signet-no-such-program not found on PATH"), std::string::npos)
        << message;
    EXPECT_NE(message.find("bash .ci/install-deps"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(RequiredProgram, CommandFailsWithThePackageWhenTheProgramIsMissing) {
    std::string message = failureOf([] { runCommand({"signet-no-such-program", "x"}); });
    EXPECT_NE(message.find("signet-no-such-program not found on PATH"), std::string::npos)
        << message;
}

}  // namespace
}  // namespace signet::testing
