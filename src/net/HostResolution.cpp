#include "net/HostResolution.h"

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <netdb.h>
#include <sys/socket.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace signet::net {
namespace {

// Shared by the caller and the lookup thread, which may outlive the wait.
struct Lookup {
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int status = 0;
    std::string address;
};

std::string numeric(const addrinfo& entry) {
    char text[NI_MAXHOST] = {};
    if (getnameinfo(entry.ai_addr, entry.ai_addrlen, text, sizeof text, nullptr, 0,
                    NI_NUMERICHOST) != 0)
        return {};
    return text;
}

void lookUp(const std::string& host, Lookup& lookup) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* found = nullptr;
    int status = getaddrinfo(host.c_str(), nullptr, &hints, &found);
    std::string address;
    if (status == 0) {
        const addrinfo* chosen = found;
        for (const addrinfo* entry = found; entry; entry = entry->ai_next) {
            if (entry->ai_family == AF_INET) {
                chosen = entry;
                break;
            }
        }
        if (chosen) address = numeric(*chosen);
        freeaddrinfo(found);
        if (address.empty()) status = EAI_NONAME;
    }
    std::lock_guard<std::mutex> lock(lookup.mutex);
    lookup.finished = true;
    lookup.status = status;
    lookup.address = std::move(address);
    lookup.done.notify_all();
}

}  // namespace

std::string resolveHost(const std::string& host, const Deadline& deadline,
                        std::chrono::milliseconds limit) {
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(host, literal)) return literal.toString();
    if (deadline.passed())
        throw Poco::TimeoutException("the deadline passed before resolving", host);
    auto lookup = std::make_shared<Lookup>();
    std::thread([host, lookup] { lookUp(host, *lookup); }).detach();
    std::chrono::milliseconds wait = deadline.remaining(limit);
    std::unique_lock<std::mutex> lock(lookup->mutex);
    if (!lookup->done.wait_for(lock, wait, [&] { return lookup->finished; })) {
        // The thread ends when the resolver gives up; nothing waits for it.
        throw Poco::TimeoutException(
            "no DNS answer within " + std::to_string(wait.count()) + " ms while resolving", host);
    }
    switch (lookup->status) {
        case 0:
            return lookup->address;
        case EAI_NONAME:
#ifdef EAI_NODATA
        case EAI_NODATA:
#endif
            throw Poco::Net::HostNotFoundException(host);
        default:
            throw Poco::Net::DNSException(gai_strerror(lookup->status), host);
    }
}

}  // namespace signet::net
