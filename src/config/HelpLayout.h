// HelpLayout: one line of a command's flag help, laid out the same for every subcommand.
#pragma once

#include <string>

namespace signet::config {

// "  NAMES<padding to column 33>TEXT\n", with at least two spaces after NAMES.
std::string helpLine(const std::string& names, const std::string& text);

}  // namespace signet::config
