// FileContents: reads a whole (bounded) file or writes one, failing with one line that names it
// and the cause.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "error/Error.h"

namespace signet::io {

// The bytes of `path`, opened with openRegularFile (io/RegularFile.h): throws
// Error(kind, "cannot read WHAT PATH: <reason>") when it is missing, unreadable, a directory, a
// FIFO, a socket or a device, and Error(tooLargeKind, "WHAT PATH is larger than N bytes") when
// it holds more than maxBytes.
std::string readFileContents(const std::string& path, std::size_t maxBytes, ErrorKind kind,
                             const std::string& what, ErrorKind tooLargeKind = ErrorKind::TooLarge);

// Writes all of `bytes` to `fd`, retrying short writes and EINTR; 0, or the errno that stopped it
// (ENOSPC for a write that made no progress).
int writeAll(int fd, std::string_view bytes);

// Writes `content` to `path` as a regular file with exactly `mode`, through createRegularFile
// (io/RegularFile.h: a link, FIFO, socket or device there is refused, an existing file only
// replaced with `replace`); throws Error(kind, "cannot write WHAT PATH: <reason>").
void writeFileContents(const std::string& path, std::string_view content, mode_t mode, bool replace,
                       ErrorKind kind, const std::string& what);

// The suffix of replaceFileAtomically's temporary files (one a crash left behind ends with it).
inline constexpr std::string_view kReplacementSuffix = ".tmp";

// Replaces `path` in one step: `bytes` go to a new temporary file beside it (PATH.XXXXXX.tmp)
// with `mode`, which is then renamed over `path`, so a reader sees the old file or the new one,
// never a part of either. 0, or the errno that stopped it (the temporary file is removed).
int replaceFileAtomically(const std::string& path, std::string_view bytes, mode_t mode);

}  // namespace signet::io
