// LoopbackServer: a TCP listener on 127.0.0.1 (free port) running a handler in a thread per
// accepted connection; stopping it shuts every socket down and joins every thread, promptly.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/TcpSocket.h"

namespace signet::testing {

class LoopbackServer {
  public:
    // Runs in the connection's own thread; the socket is closed when it returns (unless it
    // closed or reset it itself). Exceptions end the connection and are otherwise ignored.
    using Handler = std::function<void(LoopbackServer& server, TcpSocket& client)>;

    explicit LoopbackServer(Handler handler);
    ~LoopbackServer();  // stop()
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::string host() const;  // "127.0.0.1:PORT"
    int connectionsAccepted() const;
    void stop();  // idempotent

    // For handlers: all return early (false) once stop() began.
    bool stopping() const { return stopping_; }
    bool sleepFor(std::chrono::milliseconds duration);  // false if interrupted by stop()
    void waitForStop();
    // Registers a socket the handler opened (e.g. upstream) so that stop() shuts it down too.
    void track(std::shared_ptr<TcpSocket> socket);

  private:
    struct Worker {
        std::thread thread;
        bool done = false;  // serve() returned: join it without waiting
    };
    void acceptLoop();
    void serve(std::shared_ptr<TcpSocket> client);
    void reapFinishedWorkers();  // with mutex_ held

    Handler handler_;
    TcpSocket listener_;
    int port_ = 0;
    std::atomic<bool> stopping_ = false;
    std::atomic<int> accepted_ = 0;
    std::mutex mutex_;  // guards sockets_, workers_ and the wake-ups of sleepers
    std::condition_variable wakeUp_;
    std::vector<std::shared_ptr<TcpSocket>> sockets_;
    std::list<Worker> workers_;
    std::thread acceptor_;
};

}  // namespace signet::testing
