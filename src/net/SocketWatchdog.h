// SocketWatchdog: shuts a socket down when its deadline passes, so that no read or write of a
// silent or trickling peer outlives the deadline (per-operation timeouts alone never end a
// peer that sends a byte now and then).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace signet::net {

class SocketWatchdog {
  public:
    using Clock = std::chrono::steady_clock;

    // The process's watchdog: one thread, started on first use, alive until exit.
    static SocketWatchdog& shared();

    // Watches `fd` until destroyed; destroy it before the descriptor is closed.
    class Watch {
      public:
        Watch(SocketWatchdog& dog, std::uint64_t id) : dog_(&dog), id_(id) {}
        Watch(Watch&& other) noexcept : dog_(other.dog_), id_(other.id_) { other.dog_ = nullptr; }
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;
        ~Watch();
        bool fired() const;  // the deadline passed and the socket was shut down
        std::uint64_t id() const { return id_; }

      private:
        SocketWatchdog* dog_;
        std::uint64_t id_;
    };

    // From `at` on, the socket `fd` is shut down for reading and writing. An unbounded `at`
    // (time_point::max()) watches nothing; `fd` -1 watches nothing until retarget().
    [[nodiscard]] Watch watch(int fd, Clock::time_point at);
    // The watched connection was replaced (-1 while the new one is being opened). A watch that
    // already ended is left alone.
    void retarget(std::uint64_t id, int fd);

  private:
    struct Entry {
        int fd;
        Clock::time_point at;
        bool fired = false;
    };
    SocketWatchdog();
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t nextId_ = 1;
    std::thread thread_;
};

}  // namespace signet::net
