// ParallelFor: runs fn(0)…fn(count-1) on up to `threads` threads (the caller's among them).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace signet::io {

template <typename Fn>
void parallelFor(std::size_t count, unsigned threads, Fn fn) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) fn(i);
    };
    unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(count)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
}

}  // namespace signet::io
