#include "sbom/layer/SpooledBytes.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>

namespace signet::sbom {
namespace {

TEST(SpooledBytes, StaysInMemoryUpToTheLimitAndMovesToAFilePastIt) {
    SpooledBytes small(16);
    small.append("0123456789");
    EXPECT_FALSE(small.spooled());
    EXPECT_EQ(small.view(), "0123456789");
    EXPECT_EQ(small.take(), "0123456789");

    SpooledBytes large(16);
    large.append("0123456789");
    large.append("abcdefghij");
    EXPECT_TRUE(large.spooled());
    large.padTo(25);
    large.append("!");
    EXPECT_EQ(large.size(), 26u);
    EXPECT_EQ(large.view(), std::string("0123456789abcdefghij\0\0\0\0\0!", 26));
    large.append("?");  // appending after a view maps the file again
    EXPECT_EQ(large.view().substr(20), std::string("\0\0\0\0\0!?", 7));
    EXPECT_EQ(large.take().size(), 27u);
}

// The point of spooling: 64 MiB through a reader that looks at a few bytes of it does not
// raise the process's peak resident memory by anything like 64 MiB.
TEST(SpooledBytes, ALargeFileSeenThroughItsMappingIsNotHeldInMemory) {
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    SpooledBytes bytes(4 << 20);
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 64; ++i) bytes.append(block);
    ASSERT_TRUE(bytes.spooled());
    std::string_view view = bytes.view();
    EXPECT_EQ(view.size(), 64u << 20);
    EXPECT_EQ(view[view.size() - 1], 'x');
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 32 * 1024) << "KiB";
}

}  // namespace
}  // namespace signet::sbom
