// Commands: the table of subcommands and the dispatcher main() calls.
#pragma once

#include <string>
#include <vector>

#include "config/Environment.h"

namespace signet::cli {

using Arguments = std::vector<std::string>;

// Each subcommand: its arguments after the command name, and the process environment.
int runRun(const Arguments& args, const Environment& env);
int runAttest(const Arguments& args, const Environment& env);
int runVerifyAttestation(const Arguments& args, const Environment& env);
int runAttach(const Arguments& args, const Environment& env);
int runSbom(const Arguments& args, const Environment& env);
int runSign(const Arguments& args, const Environment& env);
int runVerify(const Arguments& args, const Environment& env);
int runTriangulate(const Arguments& args, const Environment& env);
int runGenerateKeyPair(const Arguments& args, const Environment& env);
int runImportKeyPair(const Arguments& args, const Environment& env);
int runVersion(const Arguments& args, const Environment& env);

// Runs the subcommand named by argv[1]; returns the process exit code. Never reads stdin.
int dispatch(int argc, char** argv);

}  // namespace signet::cli
