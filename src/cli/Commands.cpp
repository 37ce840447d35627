#include "cli/Commands.h"

#include <iostream>
#include <string>

#include "cli/ArgumentParser.h"
#include "cli/FlagSpellings.h"
#include "config/DidYouMean.h"
#include "config/OutputsFromEnvironment.h"
#include "config/SettingSpeller.h"
#include "error/Error.h"
#include "pipeline/Logger.h"

namespace signet::cli {
namespace {

const Command kCommands[] = {
    {"run", "the CI entrypoint: sign everything the task asks for, write report and outputs",
     runRun},
    {"sign", "sign tag@digest references as cosign does", runSign},
    {"verify", "verify an image's cosign signatures with a public key", runVerify},
    {"dockerfile", "dockerfile verify: verify the signatures of every image a Dockerfile uses",
     runDockerfile},
    {"sign-blob", "sign a file with a key; the base64 signature goes to stdout", runSignBlob},
    {"verify-blob", "verify a file's base64 signature with a public key", runVerifyBlob},
    {"sbom", "catalogue an image's layers into an SPDX or CycloneDX SBOM", runSbom},
    {"attest", "attach a signed in-toto attestation (e.g. an SPDX SBOM) as cosign attest does",
     runAttest},
    {"verify-attestation", "verify an image's attestations with a public key",
     runVerifyAttestation},
    {"attach", "attach sbom: store an SBOM in the .sbom tag and sign it", runAttach},
    {"download", "download signature|attestation|sbom: print what is stored for an image",
     runDownload},
    {"copy", "copy an image and its signatures, attestations and SBOMs to another repository",
     runCopy},
    {"clean", "remove an image's signatures, attestations, SBOMs and bundle referrers (--force)",
     runClean},
    {"tree", "list what is attached to an image: signatures, attestations, SBOMs, referrers",
     runTree},
    {"triangulate", "print where an image's signatures/attestations/SBOM are stored",
     runTriangulate},
    {"generate-key-pair", "write a new cosign.key/cosign.pub pair", runGenerateKeyPair},
    {"import-key-pair", "re-encrypt a PEM private key as a cosign key pair", runImportKeyPair},
    {"public-key", "print the public key of a private key reference (file, env://, k8s://)",
     runPublicKey},
    {"version", "print the version", runVersion},
    {"settings", "list every setting: environment names, YAML key, input, flags, default",
     runSettings},
    {"completion", "print a bash, zsh or fish completion script", runCompletion},
};

void printUsage(std::ostream& out) {
    out << "usage: signet <command> [flags] [args]\n\ncommands:\n";
    for (const auto& command : kCommands) {
        std::string name = command.name;
        out << "  " << name << std::string(20 - name.size(), ' ') << command.summary << "\n";
    }
    out << "\nRun 'signet <command> --help' for a command's flags.\n";
}

}  // namespace

std::span<const Command> commands() {
    return kCommands;
}

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        printUsage(std::cerr);
        return exit_code::kUsage;
    }
    std::string name = argv[1];
    Arguments args(argv + 2, argv + argc);
    if (name == "help" && !args.empty()) {  // `signet help CMD` is `signet CMD --help`
        name = args.front();
        args = {"--help"};
    } else if (name == "--help" || name == "-h" || name == "help") {
        printUsage(std::cout);
        return exit_code::kOk;
    }
    Environment env = Environment::fromProcess();
    secret::SecretScrubber secrets;
    pipeline::announceMasks(config::logFormatFromEnvironment(env), secrets, std::cout);
    config::installSpellingFor(config::wrapperFromEnvironment(env, name == "run"),
                               flagSpellingsOf(name));
    for (const auto& command : kCommands) {
        if (name != command.name) continue;
        try {
            return command.run(args, env, secrets);
        } catch (const HelpRequested& help) {
            std::cout << help.usage;
            return exit_code::kOk;
        } catch (const Error& e) {
            std::cerr << secrets.scrubOutput("signet " + name + ": " + e.what()) << "\n";
            return exitCodeFor(e.kind());
        } catch (const std::exception& e) {
            std::cerr << secrets.scrubOutput("signet " + name + ": internal error: " + e.what())
                      << "\n";
            return exit_code::kUsage;
        }
    }
    std::vector<std::string> names;
    for (const auto& command : kCommands) names.push_back(command.name);
    std::cerr << "signet: unknown command '" << name << "'" << config::didYouMean(name, names)
              << " (see signet --help)\n";
    return exit_code::kUsage;
}

}  // namespace signet::cli
