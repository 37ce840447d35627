#include "harness/LoopbackServer.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace signet::testing {
namespace {

int listenOnLoopback() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, 64) != 0) {
        throw std::runtime_error(std::string("listen on 127.0.0.1: ") + std::strerror(errno));
    }
    return fd;
}

int boundPort(int fd) {
    sockaddr_in address{};
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    return ntohs(address.sin_port);
}

}  // namespace

LoopbackServer::LoopbackServer(Handler handler)
    : handler_(std::move(handler)),
      listener_(listenOnLoopback()),
      port_(boundPort(listener_.fd())) {
    acceptor_ = std::thread([this] { acceptLoop(); });
}

LoopbackServer::~LoopbackServer() {
    stop();
}

std::string LoopbackServer::host() const {
    return "127.0.0.1:" + std::to_string(port_);
}

int LoopbackServer::connectionsAccepted() const {
    return accepted_;
}

void LoopbackServer::acceptLoop() {
    while (!stopping_) {
        const int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // stop() shut the listener down (EINVAL), or the process is out of files
        }
        auto client = std::make_shared<TcpSocket>(fd);
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        reapFinishedWorkers();
        ++accepted_;
        sockets_.push_back(client);
        auto worker = workers_.emplace(workers_.end());
        worker->thread = std::thread([this, client, worker] {
            serve(client);
            std::lock_guard done(mutex_);
            worker->done = true;
        });
    }
}

void LoopbackServer::reapFinishedWorkers() {
    for (auto worker = workers_.begin(); worker != workers_.end();) {
        if (!worker->done) {
            ++worker;
            continue;
        }
        worker->thread.join();
        worker = workers_.erase(worker);
    }
    std::erase_if(sockets_, [](const auto& socket) { return socket->closed(); });
}

void LoopbackServer::serve(std::shared_ptr<TcpSocket> client) {
    try {
        handler_(*this, *client);
    } catch (...) {
        // The connection ends; a test sees that as the peer closing.
    }
    client->close();
}

void LoopbackServer::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_.exchange(true)) return;
        wakeUp_.notify_all();
    }
    listener_.shutdownBoth();  // accept() returns EINVAL
    if (acceptor_.joinable()) acceptor_.join();
    std::list<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& socket : sockets_) socket->shutdownBoth();
        workers.swap(workers_);
    }
    for (auto& worker : workers) worker.thread.join();
    listener_.close();
}

bool LoopbackServer::sleepFor(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    return !wakeUp_.wait_for(lock, duration, [this] { return stopping_.load(); });
}

void LoopbackServer::waitForStop() {
    std::unique_lock lock(mutex_);
    wakeUp_.wait(lock, [this] { return stopping_.load(); });
}

void LoopbackServer::track(std::shared_ptr<TcpSocket> socket) {
    std::lock_guard lock(mutex_);
    if (stopping_) socket->shutdownBoth();
    sockets_.push_back(std::move(socket));
}

}  // namespace signet::testing
