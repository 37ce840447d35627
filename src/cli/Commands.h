// Commands: the table of subcommands and the dispatcher main() calls.
#pragma once

namespace signet::cli {

// Runs the subcommand named by argv[1]; returns the process exit code.
int dispatch(int argc, char** argv);

}  // namespace signet::cli
