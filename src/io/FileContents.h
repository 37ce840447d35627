// FileContents: reads a whole (bounded) file, failing with one line that names it and the cause.
#pragma once

#include <cstddef>
#include <string>

#include "error/Error.h"

namespace signet::io {

// The bytes of `path`; throws Error(kind, "cannot read WHAT PATH: <reason>") when it is missing,
// unreadable, a directory, or larger than maxBytes (then ErrorKind::TooLarge).
std::string readFileContents(const std::string& path, std::size_t maxBytes, ErrorKind kind,
                             const std::string& what);

}  // namespace signet::io
