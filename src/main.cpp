// signet: argument dispatch only; each subcommand lives in src/cli/.
#include "cli/Commands.h"

int main(int argc, char** argv) { return signet::cli::dispatch(argc, argv); }
