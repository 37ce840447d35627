// FileContents: reads a whole (bounded) file, failing with one line that names it and the cause.
#pragma once

#include <cstddef>
#include <string>

#include "error/Error.h"

namespace signet::io {

// The bytes of `path`, opened with openRegularFile (io/RegularFile.h): throws
// Error(kind, "cannot read WHAT PATH: <reason>") when it is missing, unreadable, a directory, a
// FIFO, a socket or a device, and Error(tooLargeKind, "WHAT PATH is larger than N bytes") when
// it holds more than maxBytes.
std::string readFileContents(const std::string& path, std::size_t maxBytes, ErrorKind kind,
                             const std::string& what, ErrorKind tooLargeKind = ErrorKind::TooLarge);

}  // namespace signet::io
