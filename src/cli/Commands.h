// Commands: the table of subcommands and the dispatcher main() calls.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "config/Environment.h"
#include "secret/SecretScrubber.h"

namespace signet::cli {

using Arguments = std::vector<std::string>;

// Each subcommand: its arguments after the command name, the process environment, and the
// scrubber every secret it reads is registered with (and every diagnostic passes through).
int runRun(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runAttest(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runVerifyAttestation(const Arguments& args, const Environment& env,
                         secret::SecretScrubber& secrets);
int runAttach(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runSbom(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runSign(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runSignBlob(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runVerifyBlob(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runDockerfile(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runVerify(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runDownload(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runCopy(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runClean(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runTree(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runTriangulate(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runGenerateKeyPair(const Arguments& args, const Environment& env,
                       secret::SecretScrubber& secrets);
int runImportKeyPair(const Arguments& args, const Environment& env,
                     secret::SecretScrubber& secrets);
int runPublicKey(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runVersion(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runSettings(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);
int runCompletion(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets);

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Arguments&, const Environment&, secret::SecretScrubber&);
};

// Every subcommand, in the order `signet --help` lists them.
std::span<const Command> commands();

// Runs the subcommand named by argv[1]; returns the process exit code. Never reads stdin.
int dispatch(int argc, char** argv);

}  // namespace signet::cli
