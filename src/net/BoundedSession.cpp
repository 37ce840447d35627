#include "net/BoundedSession.h"

#include <algorithm>

namespace signet::net {

Poco::Timespan timespanOf(std::chrono::milliseconds limit) {
    return Poco::Timespan(std::max<long long>(limit.count(), 1) * 1000);
}

void limitSession(Poco::Net::HTTPClientSession& session, std::chrono::milliseconds limit) {
    Poco::Timespan span = timespanOf(limit);
    session.setTimeout(span);
    if (session.connected()) {
        session.socket().setReceiveTimeout(span);
        session.socket().setSendTimeout(span);
    }
}

SocketWatchdog::Watch bindToDeadline(Poco::Net::HTTPClientSession& session,
                                     const Deadline& deadline,
                                     std::chrono::milliseconds perRequest) {
    limitSession(session, deadline.remaining(perRequest));
    auto* limits = dynamic_cast<SessionLimits*>(&session);
    if (limits) {
        limits->deadline = deadline;
        limits->perRequest = perRequest;
    }
    int fd = session.connected() ? session.socket().impl()->sockfd() : -1;
    SocketWatchdog::Watch watch = SocketWatchdog::shared().watch(fd, deadline.at());
    if (limits) limits->watch = watch.id();
    return watch;
}

}  // namespace signet::net
