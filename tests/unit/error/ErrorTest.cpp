#include "error/Error.h"

#include <gtest/gtest.h>

namespace signet {
namespace {

TEST(Error, ExitCodesFollowTheDocumentedTable) {
    EXPECT_EQ(exitCodeFor(ErrorKind::Usage), 1);
    EXPECT_EQ(exitCodeFor(ErrorKind::Key), 1);
    EXPECT_EQ(exitCodeFor(ErrorKind::Auth), 3);
    EXPECT_EQ(exitCodeFor(ErrorKind::Network), 4);
    EXPECT_EQ(exitCodeFor(ErrorKind::RateLimit), 4);
    EXPECT_EQ(exitCodeFor(ErrorKind::Unavailable), 4);
    EXPECT_EQ(exitCodeFor(ErrorKind::Timeout), 4);
    EXPECT_EQ(exitCodeFor(ErrorKind::LostRace), 2);
    EXPECT_EQ(exitCodeFor(ErrorKind::Registry), 2);
    EXPECT_EQ(exitCodeFor(ErrorKind::NotFound), 2);
}

TEST(Error, ContextIsPrependedAndKindKept) {
    Error e = Error(ErrorKind::Auth, "401 UNAUTHORIZED").withContext("reg/x:1");
    EXPECT_STREQ(e.what(), "reg/x:1: 401 UNAUTHORIZED");
    EXPECT_EQ(e.kind(), ErrorKind::Auth);
    EXPECT_EQ(categoryName(ErrorKind::TagMoved), "tag-moved");
    EXPECT_EQ(categoryName(ErrorKind::Unavailable), "unavailable");
    EXPECT_EQ(categoryName(ErrorKind::Timeout), "timeout");
    EXPECT_EQ(categoryName(ErrorKind::LostRace), "lost-race");
}

}  // namespace
}  // namespace signet
