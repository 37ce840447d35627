// ReadAhead: the reader gets the producer's bytes in order, its failure after the bytes before
// it, a bounded lead, and a producer that stops when the reader walks away.
#include "sbom/layer/ReadAhead.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "error/Error.h"

namespace signet::sbom {
namespace {

std::string readAll(ReadAhead& ahead, std::size_t step) {
    std::string out, buffer(step, '\0');
    while (std::size_t n = ahead.read(buffer.data(), buffer.size())) out.append(buffer, 0, n);
    return out;
}

TEST(ReadAhead, BytesArriveInOrderWhateverTheSizes) {
    std::string source;
    for (int i = 0; i < 300000; ++i) source += static_cast<char>('a' + i % 26 + (i / 26) % 3);
    for (std::size_t produced : {1, 7, 4096, 1 << 20}) {
        for (std::size_t chunk : {std::size_t{3}, std::size_t{1000}, std::size_t{1} << 18}) {
            std::size_t at = 0;
            ReadAhead ahead(
                [&](char* out, std::size_t n) {
                    std::size_t take = std::min({n, produced, source.size() - at});
                    source.copy(out, take, at);
                    at += take;
                    return take;
                },
                chunk, 3);
            EXPECT_EQ(readAll(ahead, 777), source) << produced << "/" << chunk;
            EXPECT_EQ(ahead.read(nullptr, 0), 0u);
            ahead.finish();
        }
    }
}

TEST(ReadAhead, TheProducersFailureComesAfterTheBytesBeforeIt) {
    int calls = 0;
    ReadAhead ahead(
        [&](char* out, std::size_t) -> std::size_t {
            if (++calls > 3) throw Error(ErrorKind::Registry, "connection reset");
            out[0] = 'x';
            return 1;
        },
        1, 8);
    std::string got;
    char c = 0;
    try {
        while (ahead.read(&c, 1)) got += c;
        FAIL() << "the failure was swallowed";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "connection reset");
    }
    EXPECT_EQ(got, "xxx");
}

TEST(ReadAhead, TheLeadIsBoundedAndAnAbandonedStreamStops) {
    std::atomic<std::size_t> produced = 0;
    {
        ReadAhead ahead(
            [&](char* out, std::size_t n) {
                std::fill(out, out + n, 'z');
                produced += n;
                return n;  // an endless stream
            },
            1024, 4);
        char buffer[10];
        ASSERT_EQ(ahead.read(buffer, sizeof buffer), 10u);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        // At most: the chunk being read, four waiting, one being filled.
        EXPECT_LE(produced.load(), 6u * 1024);
    }  // destroyed mid-stream: must return, not wait for an end that never comes
    EXPECT_GT(produced.load(), 0u);
}

}  // namespace
}  // namespace signet::sbom
