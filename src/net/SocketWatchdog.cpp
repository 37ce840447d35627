#include "net/SocketWatchdog.h"

#include <sys/socket.h>

namespace signet::net {

SocketWatchdog& SocketWatchdog::shared() {
    // Never destroyed: threads still mid-request at exit must not find it gone.
    static SocketWatchdog* dog = new SocketWatchdog;
    return *dog;
}

SocketWatchdog::SocketWatchdog() : thread_([this] { run(); }) {
    thread_.detach();
}

SocketWatchdog::Watch SocketWatchdog::watch(int fd, Clock::time_point at) {
    if (at == Clock::time_point::max()) return Watch(*this, 0);
    std::lock_guard<std::mutex> lock(mutex_);
    std::uint64_t id = nextId_++;
    entries_.emplace(id, Entry{fd, at});
    changed_.notify_one();
    return Watch(*this, id);
}

void SocketWatchdog::retarget(std::uint64_t id, int fd) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    it->second.fd = fd;
    it->second.fired = false;
    changed_.notify_one();
}

SocketWatchdog::Watch::~Watch() {
    if (!dog_ || id_ == 0) return;
    std::lock_guard<std::mutex> lock(dog_->mutex_);
    dog_->entries_.erase(id_);
}

bool SocketWatchdog::Watch::fired() const {
    if (!dog_ || id_ == 0) return false;
    std::lock_guard<std::mutex> lock(dog_->mutex_);
    auto it = dog_->entries_.find(id_);
    return it != dog_->entries_.end() && it->second.fired;
}

void SocketWatchdog::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        auto next = Clock::time_point::max();
        auto now = Clock::now();
        for (auto& [id, entry] : entries_) {
            if (entry.fired || entry.fd < 0) continue;
            if (entry.at <= now) {
                // Under the lock: the Watch, and so the descriptor, is still alive.
                ::shutdown(entry.fd, SHUT_RDWR);
                entry.fired = true;
            } else if (entry.at < next) {
                next = entry.at;
            }
        }
        if (next == Clock::time_point::max()) {
            changed_.wait(lock);
        } else {
            changed_.wait_until(lock, next);
        }
    }
}

}  // namespace signet::net
