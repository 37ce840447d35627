// FuzzInput: the pieces every fuzz target shares — the input as text, and the one exception a
// target expects (signet::Error: bad input refused cleanly). Anything else escapes to libFuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "error/Error.h"

namespace signet::fuzz {

// The fuzzer's bytes as a string, the form most signet parsers take.
inline std::string inputText(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `body`; a signet::Error is the expected answer to bad input and is swallowed.
template <typename Body>
void refusingOnlyWithSignetErrors(Body&& body) {
    try {
        body();
    } catch (const signet::Error&) {
    }
}

}  // namespace signet::fuzz
