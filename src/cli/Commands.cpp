#include "cli/Commands.h"

#include <iostream>
#include <string>

#include "error/Error.h"

namespace signet::cli {

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: signet <command> [flags]\n";
        return exit_code::kUsage;
    }
    std::string command = argv[1];
    if (command == "version") {
        std::cout << "signet " << SIGNET_VERSION << "\n";
        return exit_code::kOk;
    }
    std::cerr << "signet: unknown command '" << command << "'\n";
    return exit_code::kUsage;
}

}  // namespace signet::cli
