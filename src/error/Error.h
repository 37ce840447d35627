// Error: the one exception type signet throws; it carries a category and a user-facing line.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace signet {

// What went wrong, in the categories the report and the exit codes use.
enum class ErrorKind {
    Usage,        // bad command line or configuration: nothing was attempted
    Config,       // bad task YAML or environment
    Key,          // key file missing, corrupt, unsupported, or wrong password
    Auth,         // registry said 401/403, or credentials could not be found
    RateLimit,    // registry said 429 after every retry
    Network,      // connection refused/reset, TLS failure, timeout after every retry
    Unavailable,  // registry answered 408 or 5xx to every retry
    Timeout,      // the reference's deadline (--timeout, SIGNET_TIMEOUT) passed first
    NotFound,     // image, tag, or blob does not exist
    Immutable,    // the registry refused to overwrite a tag
    TagMoved,     // tag no longer points at the digest it was given with
    TooLarge,     // a payload or SBOM over its size limit
    Registry,     // any other registry answer (400, 501, malformed body)
    Verify,       // signature verification failed
    LostRace,     // a signature written was overwritten by another writer and stayed lost
    Internal,     // a bug or an unexpected local failure
};

// Documented exit codes (README "Exit codes").
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kUsage = 1;
inline constexpr int kSomeFailed = 2;
inline constexpr int kAuth = 3;
inline constexpr int kNetwork = 4;
// cosign verify's codes, used by `signet verify` only.
inline constexpr int kNoSignatures = 10;
inline constexpr int kImageNotFound = 11;
inline constexpr int kNoMatchingSignature = 12;
}  // namespace exit_code

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

    ErrorKind kind() const { return kind_; }

    // The same error with "context: " in front, e.g. the reference it happened to.
    Error withContext(std::string_view context) const {
        return Error(kind_, std::string(context) + ": " + what());
    }

  private:
    ErrorKind kind_;
};

// Short lower-case name used in reports: "auth", "network", "notfound", ...
std::string_view categoryName(ErrorKind kind);

// True for the kinds that mean "the registry could not be reached or kept failing" (network,
// timeout, 429, 408/5xx after every retry): exit code 4.
bool isUnavailability(ErrorKind kind);

// Exit code for a command that failed as a whole with this error (usage → 1, auth → 3,
// unavailability → 4, anything else → 2): the README's "Exit codes" table.
int exitCodeFor(ErrorKind kind);

}  // namespace signet
