#include "config/HelpLayout.h"

namespace signet::config {

std::string helpLine(const std::string& names, const std::string& text) {
    constexpr std::size_t kColumn = 30;
    std::string line = "  " + names;
    // At least two spaces always part the names from the text.
    line += std::string(names.size() < kColumn ? kColumn - names.size() + 1 : 2, ' ');
    return line + text + "\n";
}

}  // namespace signet::config
