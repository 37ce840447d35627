#include "error/Error.h"

namespace signet {

std::string_view categoryName(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage:
            return "usage";
        case ErrorKind::Config:
            return "config";
        case ErrorKind::Key:
            return "key";
        case ErrorKind::Auth:
            return "auth";
        case ErrorKind::RateLimit:
            return "ratelimit";
        case ErrorKind::Network:
            return "network";
        case ErrorKind::Unavailable:
            return "unavailable";
        case ErrorKind::Timeout:
            return "timeout";
        case ErrorKind::NotFound:
            return "notfound";
        case ErrorKind::Immutable:
            return "immutable";
        case ErrorKind::TagMoved:
            return "tag-moved";
        case ErrorKind::TooLarge:
            return "too-large";
        case ErrorKind::Registry:
            return "registry";
        case ErrorKind::Verify:
            return "verify";
        case ErrorKind::LostRace:
            return "lost-race";
        case ErrorKind::Internal:
            return "internal";
    }
    return "other";
}

bool isUnavailability(ErrorKind kind) {
    return kind == ErrorKind::Network || kind == ErrorKind::RateLimit ||
           kind == ErrorKind::Unavailable || kind == ErrorKind::Timeout;
}

int exitCodeFor(ErrorKind kind) {
    if (isUnavailability(kind)) return exit_code::kNetwork;
    switch (kind) {
        case ErrorKind::Usage:
        case ErrorKind::Config:
        case ErrorKind::Key:
            return exit_code::kUsage;
        case ErrorKind::Auth:
            return exit_code::kAuth;
        default:
            return exit_code::kSomeFailed;
    }
}

}  // namespace signet
