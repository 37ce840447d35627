// BoundedBody: reading an HTTP body into memory without letting it grow past a limit.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace signet::oci {

// Appends the body to `body`, at most `maxBody` bytes in all; false when there was more.
bool readBounded(std::istream& in, std::size_t maxBody, std::string& body);

}  // namespace signet::oci
