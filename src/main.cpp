// signet: argument dispatch only; each subcommand lives in src/cli/.
#include "cli/Commands.h"
#include "cli/MallocTuning.h"
#include "cli/ProcessHardening.h"

int main(int argc, char** argv) {
    signet::cli::hardenProcess();
    signet::cli::tuneMalloc();
    return signet::cli::dispatch(argc, argv);
}
