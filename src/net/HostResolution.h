// HostResolution: a host name's address, looked up within a deadline (getaddrinfo never times out
// by itself: a silent DNS server holds it for the resolver's own retries, 10 s and more).
#pragma once

#include <chrono>
#include <string>

#include "net/Deadline.h"

namespace signet::net {

// The address to dial for `host` as a numeric string ("127.0.0.1", "::1"): an IP literal is its
// own, a name is resolved on a thread of its own (IPv4 first when it has both, as Poco does).
// Waits at most `limit` and what `deadline` leaves. Throws Poco::TimeoutException when no answer
// came in time, Poco::Net::HostNotFoundException for a name that does not exist and
// Poco::Net::DNSException for other failures (e.g. a temporary one), as Poco's own lookup would.
std::string resolveHost(const std::string& host, const Deadline& deadline,
                        std::chrono::milliseconds limit);

}  // namespace signet::net
