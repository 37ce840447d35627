#include "sbom/layer/ReadAhead.h"

#include <algorithm>
#include <cstring>

namespace signet::sbom {

ReadAhead::ReadAhead(Producer produce, std::size_t chunkBytes, std::size_t depth)
    : produce_(std::move(produce)), chunkBytes_(chunkBytes), depth_(depth) {
    thread_ = std::thread([this] { run(); });
}

ReadAhead::~ReadAhead() {
    stop();
}

void ReadAhead::stop() {
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    changed_.notify_all();
    finish();
}

void ReadAhead::finish() {
    if (thread_.joinable()) thread_.join();
}

std::string ReadAhead::takeSpare() {
    std::string chunk;
    {
        std::lock_guard lock(mutex_);
        if (!spare_.empty()) {
            chunk = std::move(spare_.back());
            spare_.pop_back();
        }
    }
    chunk.resize(chunkBytes_);
    return chunk;
}

void ReadAhead::run() {
    try {
        for (;;) {
            std::string chunk = takeSpare();
            std::size_t filled = 0;
            while (filled < chunk.size()) {
                std::size_t n = produce_(chunk.data() + filled, chunk.size() - filled);
                if (n == 0) break;
                filled += n;
            }
            chunk.resize(filled);
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return cancelled_ || chunks_.size() < depth_; });
            if (cancelled_) return;
            if (filled == 0) {
                ended_ = true;
                changed_.notify_all();
                return;
            }
            chunks_.push_back(std::move(chunk));
            changed_.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        changed_.notify_all();
    }
}

std::size_t ReadAhead::read(char* out, std::size_t n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !chunks_.empty() || ended_ || failure_; });
    if (chunks_.empty()) {
        if (failure_) std::rethrow_exception(failure_);
        return 0;
    }
    const std::string& front = chunks_.front();
    std::size_t take = std::min(n, front.size() - offset_);
    std::memcpy(out, front.data() + offset_, take);
    offset_ += take;
    if (offset_ == front.size()) {
        spare_.push_back(std::move(chunks_.front()));
        chunks_.pop_front();
        offset_ = 0;
        changed_.notify_all();
    }
    return take;
}

}  // namespace signet::sbom
